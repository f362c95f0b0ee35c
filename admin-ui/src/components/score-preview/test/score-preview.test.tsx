import { render, screen } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { ScorePreview } from '..';
import { ACTION_TEMPLATES } from '../../../../../server/src/actions/templates';
import { previewScore } from '../../../routes/action-builder/api';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });
const definition = ACTION_TEMPLATES['affiliate-application'];

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents', 'aa_review_leads'] };
});

describe('the live score preview', () => {
  it('asks the service to score the sample answers and shows score, route, tags and reasons', async () => {
    mockedApiFetch.mockResolvedValue({
      result: {
        score: 60,
        route: 'priority',
        tags: ['influencer', 'top partner'],
        explanation: {
          matched: [
            { ruleIndex: 0, label: 'Audience of 100k or more', field: 'audience_size', operator: 'gte', value: 100000, points: 50, tags: ['influencer'] },
            { ruleIndex: 3, label: 'Video or social creator', field: 'platform', operator: 'in', value: ['youtube', 'instagram', 'tiktok'], points: 10, tags: [] },
          ],
          threshold: { minScore: 50, route: 'priority' },
          summary: 'Score 60: Audience of 100k or more (+50), Video or social creator (+10). Reached the priority threshold at 50.',
        },
      },
    });
    render(<ScorePreview definition={definition} onPreview={previewScore} debounceMs={0} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Main platform' }), 'youtube');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Audience size' }), '150000');

    expect(await screen.findByText('Score 60')).toBeInTheDocument();
    expect(screen.getByText('Route: Priority')).toBeInTheDocument();
    expect(screen.getByText('influencer')).toBeInTheDocument();
    expect(screen.getByText('top partner')).toBeInTheDocument();
    expect(screen.getByText('Audience of 100k or more (+50)')).toBeInTheDocument();
    expect(screen.getByText(/Reached the priority threshold at 50/)).toBeInTheDocument();

    const lastCall = mockedApiFetch.mock.calls[mockedApiFetch.mock.calls.length - 1][0];
    expect(lastCall).toMatchObject({ path: '/affiliate-agent/v1/admin/actions/preview-score', method: 'POST' });
    expect(lastCall.data.answers).toEqual({ platform: 'youtube', audience_size: 150000 });
    expect(lastCall.data.definition.key).toBe('affiliate-application');
  });

  it('still previews, computed in the browser, while the service refuses the unfinished draft', async () => {
    mockedApiFetch.mockRejectedValue({
      code: 'validation_failed',
      message: "Invalid action definition: qualification.rules[0].value: the operator 'gte' needs a value",
      data: { status: 400, details: { issues: [{ path: 'qualification.rules[0].value', message: "the operator 'gte' needs a value" }] } },
    });
    render(<ScorePreview definition={definition} onPreview={previewScore} debounceMs={0} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Traffic source' }), 'coupons');

    expect(await screen.findByText('Score -20')).toBeInTheDocument();
    expect(screen.getByText('Route: Needs review')).toBeInTheDocument();
    expect(screen.getByText('Coupon traffic needs review (-20)')).toBeInTheDocument();
    expect(screen.getByText(/Computed in the browser/)).toBeInTheDocument();
  });
});
