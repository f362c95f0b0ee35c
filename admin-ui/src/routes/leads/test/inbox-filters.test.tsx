import { render, screen, waitFor, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { LeadsStage } from '../stage';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

const ana = {
  id: 'lead_ana1',
  agentId: 'agt_main',
  actionId: 'act_apply',
  actionKey: 'affiliate-application',
  actionVersion: 2,
  conversationId: 'cnv_1',
  email: 'ana@creator.example',
  name: 'Ana Lima',
  fields: { name: 'Ana Lima', email: 'ana@creator.example', platform: 'youtube', audience_size: 150000, consent: true },
  score: 60,
  scoreExplanation: { matched: [], threshold: { minScore: 50, route: 'priority' }, summary: 'Score 60.' },
  tags: ['influencer', 'top partner'],
  route: 'priority',
  status: 'new',
  source: { pageUrl: 'https://shop.example/partners', utm: { source: 'newsletter' } },
  consents: [],
  submissions: 1,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
};

const leadRequests = () =>
  mockedApiFetch.mock.calls.map(([options]) => options).filter((options) => String(options.path).startsWith('/affiliate-agent/v1/admin/leads?'));
const lastQuery = () => new URLSearchParams(String(leadRequests()[leadRequests().length - 1].path).split('?')[1]);

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: false, canReview: true, capabilities: ['aa_review_leads'] };
  mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: { status?: string } }) => {
    if (options.path === '/affiliate-agent/v1/admin/agents') return { agents: [{ id: 'agt_main', name: 'Partner assistant' }, { id: 'agt_eu', name: 'EU partners' }] };
    if (options.path.startsWith('/affiliate-agent/v1/admin/leads?')) return { items: [ana], total: 1, totalIsCapped: false, nextCursor: null };
    if (options.path === '/affiliate-agent/v1/admin/leads/lead_ana1' && options.method === 'PATCH') return { lead: { ...ana, status: options.data?.status } };
    throw { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } };
  });
});

describe('the leads inbox filters', () => {
  it('opens on the Priority tab and lists the leads the service returns', async () => {
    render(<LeadsStage params={{}} query={new URLSearchParams()} />);
    expect(await screen.findByRole('link', { name: 'Ana Lima' })).toHaveAttribute('href', '#/leads/lead_ana1');
    expect(lastQuery().get('route')).toBe('priority');
    expect(lastQuery().get('sort')).toBe('newest');
    expect(screen.getByRole('cell', { name: 'Partner assistant' })).toBeInTheDocument();
  });

  it('sends the status, agent, tag, dates and search the manager picks, and drops the route on the All tab', async () => {
    render(<LeadsStage params={{}} query={new URLSearchParams()} />);
    await screen.findByRole('link', { name: 'Ana Lima' });
    await userEvent.click(screen.getByRole('tab', { name: 'All' }));
    await waitFor(() => expect(lastQuery().has('route')).toBe(false));

    const filters = screen.getByRole('search', { name: 'Filter leads' });
    await userEvent.selectOptions(within(filters).getByRole('combobox', { name: 'Status' }), 'new');
    await userEvent.selectOptions(within(filters).getByRole('combobox', { name: 'Agent' }), 'agt_eu');
    await userEvent.type(within(filters).getByLabelText('From'), '2026-11-01');
    await userEvent.type(within(filters).getByRole('textbox', { name: 'Tag' }), 'influencer');
    await userEvent.type(within(filters).getByRole('textbox', { name: 'Search' }), 'ana');

    await waitFor(() => expect(lastQuery().get('q')).toBe('ana'));
    const query = lastQuery();
    expect(query.get('status')).toBe('new');
    expect(query.get('agentId')).toBe('agt_eu');
    expect(query.get('from')).toBe('2026-11-01');
    expect(query.get('tag')).toBe('influencer');
    expect(query.has('route')).toBe(false);
  });

  it('sorts by score through the service when the Score column is chosen', async () => {
    render(<LeadsStage params={{}} query={new URLSearchParams('tab=review')} />);
    await screen.findByRole('link', { name: 'Ana Lima' });
    expect(lastQuery().get('route')).toBe('review');
    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() => expect(lastQuery().get('sort')).toBe('score'));
    expect(screen.getByRole('columnheader', { name: /Score/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('changes the status of the selected leads in bulk', async () => {
    render(<LeadsStage params={{}} query={new URLSearchParams()} />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Ana Lima' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Change status of 1 selected lead' }), 'contacted');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(mockedApiFetch).toHaveBeenCalledWith(expect.objectContaining({ path: '/affiliate-agent/v1/admin/leads/lead_ana1', method: 'PATCH', data: { status: 'contacted' } })),
    );
  });
});
