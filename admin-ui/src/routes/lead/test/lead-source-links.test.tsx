import { render, screen } from '@testing-library/react';
import apiFetch from '@wordpress/api-fetch';
import { LeadStage } from '../stage';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

/** A lead as an attacker would leave it: every URL a visitor controls set to script. */
function attackLead(source: Record<string, unknown>, website: string) {
  return {
    lead: {
      id: 'lead_1',
      agentId: 'agt_main',
      conversationId: null,
      actionKey: 'apply',
      actionVersion: 1,
      name: 'Mallory',
      email: 'mallory@example.com',
      fields: { name: 'Mallory', website },
      score: 10,
      scoreExplanation: { summary: '', matched: [] },
      tags: [],
      route: 'standard',
      status: 'new',
      submissions: 1,
      consents: [],
      source,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    },
    events: [],
    notes: [],
  };
}

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents', 'aa_review_leads'] };
});

function serve(detail: unknown) {
  mockedApiFetch.mockImplementation(async (options: { path: string }) => (options.path.endsWith('/deliveries') ? { deliveries: [] } : detail));
}

describe('the lead screen', () => {
  it('shows a script URL from the visitor as text and makes no link of it', async () => {
    serve(attackLead({ pageUrl: 'javascript:fetch("/wp-admin/user-new.php")', referrer: 'data:text/html,<script>alert(1)</script>', utm: {} }, 'javascript:alert(1)'));
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);

    expect(await screen.findByText('javascript:fetch("/wp-admin/user-new.php")')).toBeInTheDocument();
    expect(screen.getByText('data:text/html,<script>alert(1)</script>')).toBeInTheDocument();
    expect(screen.getByText('javascript:alert(1)')).toBeInTheDocument();
    const hrefs = screen.queryAllByRole('link').map((link) => link.getAttribute('href') ?? '');
    expect(hrefs.filter((href) => !/^(#|mailto:)/.test(href))).toEqual([]);
  });

  it('links real page, referrer and website URLs safely', async () => {
    serve(attackLead({ pageUrl: 'https://shop.example/partners', referrer: 'https://search.example/?q=affiliate', utm: {} }, 'https://mallory.example'));
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);

    for (const url of ['https://shop.example/partners', 'https://search.example/?q=affiliate', 'https://mallory.example']) {
      const link = await screen.findByRole('link', { name: url });
      expect(link.getAttribute('href')).toMatch(new RegExp(`^${url.replace(/[.?]/g, '\\$&')}/?$`));
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
  });

  it('shows the trust checks that fired, with their reason and a link to the earlier lead', async () => {
    const detail = attackLead({ utm: {} }, 'https://mallory.example');
    detail.lead.scoreExplanation = {
      summary: 'Score 0.',
      matched: [],
      trust: [
        { check: 'disposable_email', detail: 'mailinator.com is a disposable email domain' },
        { check: 'duplicate_applicant', detail: 'an earlier application has the same website (mallory.example)', relatedLeadIds: ['lead_0'] },
      ],
    } as never;
    serve(detail);
    render(<LeadStage params={{ leadId: 'lead_1' }} query={new URLSearchParams()} />);
    await screen.findByText('Trust checks');
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        'Disposable email address: mailinator.com is a disposable email domain',
        'Applied before (same email, website or visitor): an earlier application has the same website (mallory.example) — lead_0',
      ]),
    );
    expect(screen.getByRole('link', { name: 'lead_0' })).toHaveAttribute('href', '#/leads/lead_0');
  });
});
