import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { LeadStage } from '../stage';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

const flaggedLead = {
  id: 'lead_1',
  agentId: 'agt_main',
  conversationId: null,
  actionKey: 'apply',
  actionVersion: 1,
  name: 'Eve',
  email: 'editor@example.com',
  fields: {},
  score: 10,
  scoreExplanation: { summary: '', matched: [] },
  tags: [],
  route: 'standard',
  status: 'new',
  submissions: 1,
  consents: [],
  source: {},
  duplicateOf: null,
  managerRequest: 'link-affiliate-by-hand',
  affiliateId: null,
  affiliateLink: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const created = { id: 1, leadId: 'lead_1', type: 'lead-created', actor: null, data: { score: 10, route: 'standard' }, createdAt: '2026-12-01T10:00:00.000Z' };
const needed = { id: 2, leadId: 'lead_1', type: 'affiliate-link-needed', actor: null, data: { reason: 'existing-account' }, createdAt: '2026-12-01T10:00:01.000Z' };

function candidate(overrides: Record<string, unknown> = {}) {
  return {
    affiliateId: 12,
    status: 'pending',
    paymentEmail: 'editor@example.com',
    // Names are data: markup in them must show as text.
    user: { login: 'ed', email: 'editor@example.com', displayName: 'Eve <img src=x onerror=alert(1)>' },
    emailMatchesLead: true,
    linkedToLeads: [],
    ...overrides,
  };
}

function serve(options: { candidate: ReturnType<typeof candidate> }) {
  const calls: Array<{ path: string; method?: string; data?: unknown }> = [];
  let linked = false;
  mockedApiFetch.mockImplementation(async (request: { path: string; method?: string; data?: unknown }) => {
    calls.push(request);
    if (request.path.startsWith('/affiliate-agent/v1/people')) return { people: { 3: 'Maria Manager' } };
    if (request.path.endsWith('/deliveries')) return { deliveries: [] };
    if (request.path.includes('/affiliate-candidate')) return { candidate: options.candidate };
    if (request.path.endsWith('/link-affiliate')) {
      linked = true;
      return { lead: { ...flaggedLead, affiliateId: 12, affiliateLink: 'manager-linked', managerRequest: null } };
    }
    const events = linked ? [created, needed, { id: 3, leadId: 'lead_1', type: 'affiliate-linked', actor: 3, data: { affiliateId: 12, previous: null }, createdAt: '2026-12-01T11:00:00.000Z' }] : [created, needed];
    const lead = linked ? { ...flaggedLead, affiliateId: 12, affiliateLink: 'manager-linked', managerRequest: null } : flaggedLead;
    return { lead, events, notes: [], answerFields: [] };
  });
  return calls;
}

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: false, canReview: true, capabilities: ['aa_review_leads'] };
});

describe('linking a flagged lead to an existing affiliate by hand', () => {
  it('looks the id up, shows who it is as text, links it, and the activity log names the manager', async () => {
    const calls = serve({ candidate: candidate() });
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);
    expect(await screen.findByText(/only a manager may link it to an affiliate/)).toBeInTheDocument();

    const lookUp = screen.getByRole('button', { name: 'Look up' });
    expect(lookUp).toBeDisabled();
    await userEvent.type(screen.getByRole('textbox', { name: 'AffiliateWP affiliate id' }), '12');
    await userEvent.click(lookUp);

    expect(await screen.findByText('Eve <img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('.aa-affiliate-link img')).toBeNull();
    expect(screen.getByText('ed')).toBeInTheDocument();
    expect(calls.some((call) => call.path === '/affiliate-agent/v1/admin/leads/lead_1/affiliate-candidate?affiliateId=12')).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Link affiliate #12 to this lead' }));
    await waitFor(() => expect(calls.find((call) => call.path.endsWith('/link-affiliate'))).toMatchObject({ method: 'POST', data: { affiliateId: 12 } }));
    expect(await screen.findByText('Linked by a manager to affiliate #12.')).toBeInTheDocument();
    const entry = (await screen.findByText('Maria Manager')).closest('li')!;
    expect(entry.textContent).toContain('Linked the lead to AffiliateWP affiliate #12');
  });

  it('an affiliate already linked to another lead, or with other emails, is shown with a warning; linked elsewhere cannot be linked', async () => {
    serve({ candidate: candidate({ emailMatchesLead: false, linkedToLeads: ['lead_9'] }) });
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'AffiliateWP affiliate id' }), '12');
    await userEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByText(/Neither of this affiliate's emails is the lead's email/, { selector: '.components-notice__content' })).toBeInTheDocument();
    const elsewhere = screen.getByText(/already belongs to another lead/, { selector: '.components-notice__content' });
    expect(within(elsewhere).getByRole('link', { name: 'lead_9' })).toHaveAttribute('href', '#/leads/lead_9');
    expect(screen.getByRole('button', { name: 'Link affiliate #12 to this lead' })).toBeDisabled();
  });

  it('a typed value that is not an id gets a hint and asks nothing', async () => {
    const calls = serve({ candidate: candidate() });
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'AffiliateWP affiliate id' }), 'ed@example.com');
    expect(screen.getByText(/Enter the number shown in AffiliateWP/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Look up' })).toBeDisabled();
    expect(calls.some((call) => call.path.includes('affiliate-candidate'))).toBe(false);
  });
});
