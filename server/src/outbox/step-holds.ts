import type { Lead } from '../contract/lead-types';

/**
 * Steps that act on the email a visitor typed — mail to it, an AffiliateWP application for it — are
 * held when nothing proves the visitor owns that email and the lead is a possible duplicate of an
 * earlier one or a request about an existing affiliate. Otherwise anyone could make the site mail a
 * stranger under their own name, or touch another person's affiliate account (issue 12). A held step is
 * recorded as skipped with this reason, so the manager sees it in the delivery ledger. With email
 * verification on for the action (docs/verification.md), an unverified email is held the same way.
 */
/** Ledger entries whose reason starts with this may be released (replayed) by a manager. */
export const HELD_PREFIX = 'Held for the manager:';

/** An action's email step to the applicant: mail to the address the visitor typed. */
export function mailsTypedAddress(step: { type: string; config?: unknown }): boolean {
  return step.type === 'email' && (step.config as { to?: unknown } | undefined)?.to === 'applicant';
}

export function heldStepReason(
  lead: Pick<Lead, 'duplicateOf' | 'managerRequest'> & Partial<Pick<Lead, 'emailVerification'>>,
  step: { type: string; config?: unknown },
  definition?: { verifyEmail?: boolean },
): string | undefined {
  const actsOnTypedEmail = step.type === 'affiliatewp_application' || mailsTypedAddress(step);
  if (!actsOnTypedEmail) return undefined;
  // A visitor who proved the email (a code, or their WordPress account) is its owner: nothing to hold.
  if (lead.emailVerification) return undefined;
  if (definition?.verifyEmail) {
    return `${HELD_PREFIX} the action asks for email verification and the visitor did not verify this email (no code typed, or the site had no way to send one).`;
  }
  if (lead.managerRequest === 'unverified-affiliate-change') {
    return `${HELD_PREFIX} this request concerns an existing affiliate and the visitor has not proven they own its email.`;
  }
  if (lead.duplicateOf) {
    return `${HELD_PREFIX} an earlier lead has this email and the visitor has not proven they own it; compare the two leads first.`;
  }
  return undefined;
}
