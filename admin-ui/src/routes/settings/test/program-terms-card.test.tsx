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
        return { terms: options.data };
      }
      return { terms: { commission: { rate: 20, type: 'percentage' }, currency: 'EUR', neverPromise: ['guaranteed earnings'] } };
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
});
