import { act, render, screen, within } from '@testing-library/react';
import apiFetch from '@wordpress/api-fetch';
import { AppShell } from '..';
import type { AdminConfig } from '../../../lib/admin-config';
import { SCREEN_ROUTES } from '../../../routes';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

const reviewer: AdminConfig = { restPath: '/affiliate-agent/v1/admin', capabilities: ['aa_review_leads'], canManage: false, canReview: true, adminUrl: '/wp-admin/', settingsUrl: null, connection: null, newPageUrl: '/wp-admin/post-new.php?post_type=page', siteOrigin: 'https://shop.example' };
const owner: AdminConfig = { ...reviewer, capabilities: ['aa_manage_agents', 'aa_review_leads'], canManage: true };

const goTo = (hash: string) =>
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });

beforeEach(() => {
  mockedApiFetch.mockReset();
  mockedApiFetch.mockImplementation(async (options: { path: string }) => {
    if (options.path === '/affiliate-agent/v1/admin/agents') return { agents: [] };
    if (options.path.startsWith('/affiliate-agent/v1/admin/leads?')) return { items: [], total: 0, totalIsCapped: false, nextCursor: null };
    return {};
  });
});

describe('the app shell', () => {
  it('shows an affiliate manager only the Leads and Funnel screens, and refuses the action builder', async () => {
    goTo('#/leads');
    render(<AppShell config={reviewer} routes={SCREEN_ROUTES} />);
    const navigation = screen.getByRole('navigation', { name: 'Affiliate Agent sections' });
    expect(within(navigation).getAllByRole('link').map((link) => link.textContent)).toEqual(['Leads', 'Funnel']);
    expect(await screen.findByText('No priority leads yet')).toBeInTheDocument();

    goTo('#/actions/act_123');
    expect(within(screen.getByRole('main')).getByText(/This screen is for people who manage agents/)).toBeInTheDocument();
    expect(mockedApiFetch).not.toHaveBeenCalledWith(expect.objectContaining({ path: '/affiliate-agent/v1/admin/actions/act_123' }));
  });

  it('gives an owner every section and marks the current one', async () => {
    goTo('#/agents');
    render(<AppShell config={owner} routes={SCREEN_ROUTES} />);
    const navigation = screen.getByRole('navigation', { name: 'Affiliate Agent sections' });
    expect(within(navigation).getAllByRole('link').map((link) => link.textContent)).toEqual(['Agents', 'Playground', 'Leads', 'Funnel', 'Knowledge', 'Usage', 'Settings']);
    expect(within(navigation).getByRole('link', { name: 'Agents' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
  });
});
