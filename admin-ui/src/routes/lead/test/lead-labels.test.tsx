import { render, screen, within } from '@testing-library/react';
import apiFetch from '@wordpress/api-fetch';
import { LeadStage } from '../stage';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

const detail = {
  lead: {
    id: 'lead_1',
    agentId: 'agt_main',
    conversationId: null,
    actionKey: 'apply',
    actionVersion: 1,
    name: 'Ana',
    email: 'ana@example.com',
    fields: { name: 'Ana', audience_size: 150000, traffic_source: 'organic_social', consent: true },
    score: 60,
    scoreExplanation: { summary: '', matched: [] },
    tags: [],
    route: 'priority',
    status: 'contacted',
    submissions: 1,
    consents: [],
    source: {},
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
  },
  answerFields: [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'audience_size', label: 'Audience size', type: 'number' },
    { key: 'traffic_source', label: 'Traffic source', type: 'enum', options: [{ value: 'organic_social', label: 'Organic social content' }] },
    { key: 'consent', label: 'Consent', type: 'consent' },
  ],
  events: [
    { id: 1, leadId: 'lead_1', type: 'lead-created', actor: null, data: { score: 60, route: 'priority' }, createdAt: '2026-12-01T10:00:00.000Z' },
    { id: 2, leadId: 'lead_1', type: 'status-changed', actor: 7, data: { from: 'new', to: 'contacted' }, createdAt: '2026-12-01T11:00:00.000Z' },
  ],
  notes: [],
};

beforeEach(() => {
  mockedApiFetch.mockReset();
  document.documentElement.lang = 'de-DE';
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: false, canReview: true, capabilities: ['aa_review_leads'] };
  mockedApiFetch.mockImplementation(async (options: { path: string }) => {
    if (options.path.startsWith('/affiliate-agent/v1/people')) return { people: { 7: 'Maria Manager' } };
    return options.path.endsWith('/deliveries') ? { deliveries: [] } : detail;
  });
});
afterEach(() => {
  document.documentElement.lang = '';
});

describe('the lead page for a manager', () => {
  it("shows the action's field and option labels, not keys, and numbers in wp-admin's language", async () => {
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);
    const answers = (await screen.findByRole('rowheader', { name: 'Traffic source' })).closest('table')!;
    expect(within(answers).getByRole('row', { name: 'Traffic source Organic social content' })).toBeInTheDocument();
    expect(within(answers).getByRole('row', { name: 'Audience size 150.000' })).toBeInTheDocument();
    expect(within(answers).getByRole('row', { name: 'Consent Agreed' })).toBeInTheDocument();
    expect(answers.textContent).not.toMatch(/audience_size|organic_social|true/);
  });

  it('names who did what in the activity log', async () => {
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);
    expect(await screen.findByText('Maria Manager')).toBeInTheDocument();
    const entry = screen.getByText('Maria Manager').closest('li')!;
    expect(entry.textContent).toContain('Status changed from New to Contacted');
    expect(screen.getByText('Affiliate Agent').closest('li')!.textContent).toContain('Lead received through the chat (score 60, Priority)');
    expect(mockedApiFetch).toHaveBeenCalledWith(expect.objectContaining({ path: '/affiliate-agent/v1/people?ids=7' }));
  });
});
