import { Button, Notice } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { Lead, LeadEvent } from './types';

/**
 * "Auto-approved: <reason>" on an approved lead the policy approved (docs/auto-approval.md), with
 * Undo and the time left while the undo window is open; after it the button is gone and the notice
 * says why. The service checks the window again, so a page left open cannot undo late.
 */
export interface StandingAutoApproval {
  reason: string;
  undoUntil: string;
  undoWindowHours: number;
}

/** The lead's auto-approval, if it still stands (not undone since, and the lead still approved). */
export function standingAutoApproval(lead: Pick<Lead, 'status'>, events: LeadEvent[]): StandingAutoApproval | null {
  const last = [...events].reverse().find((event) => event.type === 'auto-approved' || event.type === 'auto-approval-undone');
  if (!last || last.type !== 'auto-approved' || lead.status !== 'approved') return null;
  const data = (last.data ?? {}) as Partial<StandingAutoApproval>;
  if (typeof data.undoUntil !== 'string') return null;
  return { reason: String(data.reason ?? ''), undoUntil: data.undoUntil, undoWindowHours: Number(data.undoWindowHours ?? 0) };
}

function timeLeft(milliseconds: number): string {
  const minutes = Math.max(1, Math.ceil(milliseconds / 60_000));
  if (minutes < 60) return sprintf(_n('%d minute left to undo', '%d minutes left to undo', minutes, 'affiliate-agent'), minutes);
  const hours = Math.floor(minutes / 60);
  return sprintf(_n('%d hour left to undo', '%d hours left to undo', hours, 'affiliate-agent'), hours);
}

export function AutoApprovalNotice({
  approval,
  now,
  canUndo,
  isBusy,
  onUndo,
}: {
  approval: StandingAutoApproval;
  now: number;
  /** Undo is the owner's call (aa_manage_agents); reviewers see the notice without the button. */
  canUndo: boolean;
  isBusy: boolean;
  onUndo: () => void;
}) {
  const remaining = Date.parse(approval.undoUntil) - now;
  /* translators: %s: the rules the lead met, with their figures ("score 72 ≥ 50; email verified (code)") */
  const reason = sprintf(__('Auto-approved: %s', 'affiliate-agent'), approval.reason);
  if (remaining <= 0) {
    return (
      <Notice status="info" isDismissible={false} className="aa-auto-approval-notice">
        <p>{reason}</p>
        <p>
          {sprintf(
            /* translators: 1: the undo window in hours, 2: when it ended (local date and time) */
            _n(
              'The undo window (%1$d hour) ended on %2$s, so this approval can no longer be undone here; set the affiliate inactive in AffiliateWP instead.',
              'The undo window (%1$d hours) ended on %2$s, so this approval can no longer be undone here; set the affiliate inactive in AffiliateWP instead.',
              approval.undoWindowHours,
              'affiliate-agent',
            ),
            approval.undoWindowHours,
            new Date(approval.undoUntil).toLocaleString(),
          )}
        </p>
      </Notice>
    );
  }
  /* translators: %s: when the undo window ends (local date and time) */
  const until = sprintf(__('(until %s)', 'affiliate-agent'), new Date(approval.undoUntil).toLocaleString());
  return (
    <Notice status="info" isDismissible={false} className="aa-auto-approval-notice">
      <p>{reason}</p>
      <p>
        {timeLeft(remaining)}{' '}
        <span className="aa-muted">{until}</span>
      </p>
      {canUndo ? (
        <Button variant="secondary" isDestructive isBusy={isBusy} disabled={isBusy} onClick={onUndo}>
          {__('Undo auto-approval', 'affiliate-agent')}
        </Button>
      ) : (
        <p className="aa-muted">{__('A manager of the agents can undo it.', 'affiliate-agent')}</p>
      )}
    </Notice>
  );
}
