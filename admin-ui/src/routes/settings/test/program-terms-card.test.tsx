import { render, screen, waitFor } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { ProgramTermsCard } from '../program-terms-card';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents'] };
});

describe('the Program terms card', () => {
  it('loads the stored terms and saves the owner’s figures as structured facts', async () => {
    const saved: unknown[] = [];
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: unknown }) => {
      if (options.method === 'PUT') {
        saved.push(options.data);
        return { terms: options.data, source: { from: 'owner' } };
      }
      return { terms: { commission: { rate: 20, type: 'percentage' }, currency: 'EUR', neverPromise: ['guaranteed earnings'] }, source: null };
    });
    render(<ProgramTermsCard />);
    const commission = await screen.findByRole('spinbutton', { name: 'Commission' });
    await waitFor(() => expect(commission).toHaveValue(20));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Cookie length (days)' }), '45');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Minimum payout' }), '50');
    await userEvent.type(screen.getByRole('textbox', { name: 'Payout method' }), 'PayPal');
    await userEvent.click(screen.getByRole('button', { name: 'Save program terms' }));
    expect(saved).toEqual([
      { commission: { rate: 20, type: 'percentage' }, cookieDays: 45, payout: { minimum: 50, method: 'PayPal' }, currency: 'EUR', neverPromise: ['guaranteed earnings'] },
    ]);
  });

  it('reads the figures from AffiliateWP on request and says where they come from', async () => {
    const calls: string[] = [];
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string }) => {
      calls.push(`${options.method ?? 'GET'} ${options.path}`);
      if (options.method === 'POST') {
        return {
          terms: { commission: { rate: 25, type: 'flat' }, cookieDays: 60, payout: { method: 'PayPal' }, currency: 'EUR', neverPromise: [] },
          source: { from: 'affiliatewp', readAt: '2026-12-03T10:00:00.000Z' },
        };
      }
      return { terms: null, source: null };
    });
    render(<ProgramTermsCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Read from AffiliateWP' }));
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Commission' })).toHaveValue(25));
    expect(screen.getByRole('spinbutton', { name: 'Cookie length (days)' })).toHaveValue(60);
    expect(screen.getByRole('textbox', { name: 'Payout method' })).toHaveValue('PayPal');
    expect(screen.getByText(/come from AffiliateWP’s settings \(read .*\) and are read again every hour/)).toBeInTheDocument();
    expect(calls.some((call) => call.startsWith('POST') && call.includes('settings/program-terms/import'))).toBe(true);
  });
});
