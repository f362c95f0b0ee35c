import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import apiFetch from '@wordpress/api-fetch';
import { DeliveryLedger } from '../delivery-ledger';
import { activityText } from '../activity-entry';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

const delivery = (overrides: Record<string, unknown>) => ({
  id: 'job_1',
  stepId: 'crm',
  stepType: 'webhook',
  label: 'Send to the CRM',
  trigger: 'lead-created',
  status: 'failed',
  attempts: 1,
  maxAttempts: 12,
  nextAttemptAt: null,
  lastError: 'This endpoint is disabled: https://crm.example/hook answered 410 Gone. Replay this delivery to switch it on again.',
  response: null,
  replayable: true,
  endpointUrl: 'https://crm.example/hook',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: null,
  ...overrides,
});

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: false, canReview: true, capabilities: ['aa_review_leads'] };
});

describe('the delivery ledger', () => {
  it('offers to replay every delivery that failed at a disabled endpoint, and calls the replay-endpoint route', async () => {
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string }) =>
      options.path.endsWith('/replay-endpoint') ? { url: 'https://crm.example/hook', replayed: 3, leads: 3 } : { deliveries: [delivery({}), delivery({ id: 'job_2', stepId: 'hello', stepType: 'email', lastError: 'mail failed', endpointUrl: null })] },
    );
    render(<DeliveryLedger leadId="lead_1" refreshKey="1" />);
    const buttons = await screen.findAllByRole('button', { name: 'Replay every delivery that failed at this endpoint' });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]);
    await waitFor(() => expect(mockedApiFetch).toHaveBeenCalledWith(expect.objectContaining({ path: '/affiliate-agent/v1/admin/leads/lead_1/deliveries/job_1/replay-endpoint', method: 'POST' })));
  });

  it('shows no such button for a webhook that failed for another reason', async () => {
    mockedApiFetch.mockResolvedValue({ deliveries: [delivery({ lastError: 'https://crm.example/hook answered HTTP 500; will retry.' })] });
    render(<DeliveryLedger leadId="lead_1" refreshKey="1" />);
    await screen.findByText(/answered HTTP 500/);
    expect(screen.queryByRole('button', { name: 'Replay every delivery that failed at this endpoint' })).toBeNull();
  });
});

describe('the ledger fits its card', () => {
  it('has four columns: the trigger, attempts and time are labelled lines under the step and status', async () => {
    mockedApiFetch.mockResolvedValue({ deliveries: [delivery({ attempts: 3, trigger: 'approval-approved-1' })] });
    render(<DeliveryLedger leadId="lead_1" refreshKey="1" />);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Step', 'Status', 'Last answer or error', 'Actions']);
    const [step, status] = within(table).getAllByRole('cell');
    expect(within(step).getByRole('term')).toHaveTextContent('Trigger');
    expect(within(step).getByRole('definition')).toHaveTextContent('approval-approved-1');
    expect(within(status).getAllByRole('term').map((term) => term.textContent)).toEqual(['Attempts', 'Updated']);
    expect(within(status).getAllByRole('definition')[0]).toHaveTextContent('3/12');
    expect(screen.getByRole('region', { name: 'Next steps (delivery ledger)' })).toContainElement(table);
  });
});

describe('the activity log', () => {
  it('says who approved in AffiliateWP', () => {
    const event = { id: 1, leadId: 'lead_1', type: 'status-changed', actor: 5, createdAt: '2026-12-01T10:00:00.000Z' };
    expect(activityText({ ...event, data: { from: 'new', to: 'approved', via: 'affiliatewp', by: 'Mia Manager' } })).toBe('Approved in AffiliateWP by Mia Manager');
    expect(activityText({ ...event, data: { from: 'approved', to: 'rejected', via: 'affiliatewp', by: '' } })).toBe('Rejected or deactivated in AffiliateWP by AffiliateWP');
    expect(activityText({ ...event, data: { from: 'new', to: 'approved' } })).toBe('status-changed');
  });
});
