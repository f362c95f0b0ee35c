import { render, screen } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import { AutoApprovalNotice, standingAutoApproval } from '../auto-approval-notice';
import type { LeadEvent } from '../types';

const userEvent = userEventLibrary.setup({ delay: null });
const approvedAt = Date.parse('2026-01-05T09:00:00Z');
const event = (type: string, data: unknown, id: number): LeadEvent => ({ id, leadId: 'lead_1', type, actor: 7, data, createdAt: new Date(approvedAt).toISOString() });
const autoApproved = event('auto-approved', { reason: 'score 72 ≥ 50; email verified (code); no trust flag', undoUntil: '2026-01-05T11:00:00.000Z', undoWindowHours: 2 }, 1);

describe('the auto-approval notice on the lead page', () => {
  it('stands only while the lead is approved and the approval was not undone since', () => {
    expect(standingAutoApproval({ status: 'approved' }, [autoApproved])).toMatchObject({ undoWindowHours: 2 });
    expect(standingAutoApproval({ status: 'new' }, [autoApproved, event('auto-approval-undone', {}, 2)])).toBeNull();
    expect(standingAutoApproval({ status: 'approved' }, [event('status-changed', { to: 'approved' }, 3)])).toBeNull();
  });

  it('within the window: the reason, the time left and an Undo button that calls back', async () => {
    const onUndo = jest.fn();
    const approval = standingAutoApproval({ status: 'approved' }, [autoApproved])!;
    render(<AutoApprovalNotice approval={approval} now={approvedAt + 30 * 60_000} canUndo isBusy={false} onUndo={onUndo} />);
    expect(screen.getByText('Auto-approved: score 72 ≥ 50; email verified (code); no trust flag')).toBeInTheDocument();
    expect(screen.getByText(/1 hour left to undo/, { selector: 'p' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo auto-approval' }));
    expect(onUndo).toHaveBeenCalledTimes(1);
  });

  it('after the window: no button, and the page says why', () => {
    const approval = standingAutoApproval({ status: 'approved' }, [autoApproved])!;
    render(<AutoApprovalNotice approval={approval} now={approvedAt + 3 * 3_600_000} canUndo isBusy={false} onUndo={jest.fn()} />);
    expect(screen.queryByRole('button', { name: 'Undo auto-approval' })).toBeNull();
    expect(screen.getByText(/The undo window \(2 hours\) ended on .*no longer be undone here; set the affiliate inactive in AffiliateWP instead\./, { selector: 'p' })).toBeInTheDocument();
  });
});
