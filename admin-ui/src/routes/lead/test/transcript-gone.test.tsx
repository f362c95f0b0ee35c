import { fireEvent, render, screen } from '@testing-library/react';
import apiFetch from '@wordpress/api-fetch';
import { Transcript } from '../transcript';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

/** A lead keeps its conversation id after retention or an erasure deleted the conversation. */
beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_review_leads'] };
});

it('says the conversation is no longer stored when the service answers not found', async () => {
  // The admin proxy hands the service's error on as a WP_Error.
  mockedApiFetch.mockRejectedValue({ code: 'not_found', message: "Conversation 'cnv_1' was not found.", data: { status: 404 } });
  render(<Transcript conversationId="cnv_1" />);
  fireEvent.click(screen.getByRole('button', { name: 'Show the conversation' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('This conversation is no longer stored: it was older than the transcript retention period, or erased on request.');
});

it('shows any other failure as the service worded it', async () => {
  mockedApiFetch.mockRejectedValue({ code: 'service_unreachable', message: 'The service did not answer.', data: { status: 502 } });
  render(<Transcript conversationId="cnv_1" />);
  fireEvent.click(screen.getByRole('button', { name: 'Show the conversation' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('The service did not answer.');
});
