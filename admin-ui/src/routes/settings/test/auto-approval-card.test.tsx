import { render, screen, waitFor } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import apiFetch from '@wordpress/api-fetch';
import { AutoApprovalCard } from '../auto-approval-card';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
const userEvent = userEventLibrary.setup({ delay: null });

const stored = { enabled: false, minScore: 50, requireVerifiedEmail: true, requireNoTrustFlag: true, allowedPlatforms: [], dailyCap: 10, undoWindowHours: 24, dailyDigest: true };
const platformOptions = [
  { value: 'youtube', label: 'YouTube' },
  { value: 'blog', label: 'Blog or website' },
];

beforeEach(() => {
  mockedApiFetch.mockReset();
  window.affiliateAgentAdmin = { restPath: '/affiliate-agent/v1/admin', canManage: true, canReview: true, capabilities: ['aa_manage_agents'] };
});

describe('the Auto-approval card', () => {
  it('switches the policy on with a cap and a platform from the template’s list, and saves it through the proxy', async () => {
    const saved: unknown[] = [];
    mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: Record<string, unknown> }) => {
      expect(options.path).toContain('settings/auto-approval');
      if (options.method === 'PATCH') {
        saved.push(options.data);
        return { policy: { ...stored, ...options.data }, platformOptions };
      }
      return { policy: stored, platformOptions };
    });
    render(<AutoApprovalCard />);
    const cap = await screen.findByRole('spinbutton', { name: 'Daily cap (auto-approvals per UTC day)' });
    await waitFor(() => expect(cap).toHaveValue(10));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Approve qualifying applicants automatically' }));
    await userEvent.clear(cap);
    await userEvent.type(cap, '1');
    await userEvent.click(screen.getByRole('checkbox', { name: 'YouTube' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save auto-approval policy' }));
    expect(saved).toEqual([{ ...stored, enabled: true, dailyCap: 1, allowedPlatforms: ['youtube'] }]);
  });

  it('shows a refused value under its own field', async () => {
    mockedApiFetch.mockImplementation(async (options: { method?: string }) => {
      if (options.method === 'PATCH') {
        throw { code: 'validation_failed', message: 'The auto-approval policy is not valid.', data: { status: 400, details: { issues: [{ path: 'undoWindowHours', message: 'expected a whole number from 1 to 720' }] } } };
      }
      return { policy: stored, platformOptions };
    });
    render(<AutoApprovalCard />);
    await screen.findByRole('spinbutton', { name: 'Undo window (hours)' });
    await userEvent.click(screen.getByRole('button', { name: 'Save auto-approval policy' }));
    expect(await screen.findByText('expected a whole number from 1 to 720')).toBeInTheDocument();
  });
});
