import apiFetch from '@wordpress/api-fetch';
import { render, screen } from '@testing-library/react';
import { ActivityLog } from '../activity-log';

jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;

describe('ActivityLog, auto-approval entries', () => {
  it('says why the policy approved, skipped or was undone, in words', async () => {
    mockedApiFetch.mockResolvedValue({ people: { 5: 'Mina Manager' } });
    const at = '2026-12-03T09:00:00.000Z';
    render(
      <ActivityLog
        events={[
          { id: 1, leadId: 'lead_1', type: 'auto-approval-skipped', actor: null, data: { reason: 'daily cap reached: 10 of 10 auto-approvals today' }, createdAt: at },
          { id: 2, leadId: 'lead_1', type: 'auto-approved', actor: 5, data: { reason: 'score 72 ≥ 50; email verified (code); no trust flag' }, createdAt: at },
          { id: 3, leadId: 'lead_1', type: 'auto-approval-undone', actor: 5, data: {}, createdAt: at },
        ]}
      />,
    );
    expect(screen.getByText('Not approved automatically: daily cap reached: 10 of 10 auto-approvals today', { exact: false })).toBeTruthy();
    expect(screen.getByText('Approved automatically by the auto-approval policy: score 72 ≥ 50; email verified (code); no trust flag', { exact: false })).toBeTruthy();
    expect(screen.getByText('Auto-approval undone; the affiliate was set inactive', { exact: false })).toBeTruthy();
  });
});
