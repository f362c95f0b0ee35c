import { CONNECTORS } from '../../connectors';
import { renderEmail } from '../../connectors/email-templates';
import { defaultRejectionTemplate } from '../../contract/email-translations';
import { mergeValuesOf } from './merge-values';
import type { ApprovalPlanContext, StepHandler } from './step-handler';
import type { DeliverySettings } from '../../connectors/delivery-settings';

const switchedOff = (settings: DeliverySettings) => (settings.emails.rejectionEnabled ? undefined : 'The rejection email is switched off in Settings.');

/** Why the applicant is not told: a status that is no rejection, the email off, no address, or told before. */
function notToldReason({ lead, inAffiliateWp, settings, succeededBefore }: ApprovalPlanContext): string | undefined {
  if (inAffiliateWp && inAffiliateWp.status !== 'rejected') return `Skipped: the affiliate was set to ${inAffiliateWp.status} in AffiliateWP, which is not a rejected application.`;
  const off = switchedOff(settings);
  if (off) return off;
  if (!lead.email) return 'The lead has no email address.';
  // A rejected applicant hears it once, even when a lead is reopened and rejected again.
  const sent = succeededBefore('rejection_email');
  return sent ? `Skipped: the rejection email was sent already (${sent.finishedAt ?? sent.updatedAt}).` : undefined;
}

/** After a rejection: tells the applicant, in the owner's words (Settings → Emails), unless switched off. */
export const rejectionEmailStep: StepHandler<'rejection_email'> = {
  type: 'rejection_email',
  skipReasonWhenScheduled: switchedOff,
  // The applicant hears the decision whether or not AffiliateWP holds an affiliate for them.
  planApproval: (context) =>
    context.decision === 'rejected'
      ? { id: 'rejection_email', type: 'rejection_email', label: 'Tell the applicant (rejection email)', dependsOn: [], step: { id: 'rejection_email', type: 'rejection_email', config: {} }, skipReason: notToldReason(context) }
      : null,
  execute: async (job, lead, context) => {
    if (!lead.email) return { kind: 'failed', error: 'The lead has no email address.', response: null };
    const email = renderEmail(context.settings.emails.rejection ?? defaultRejectionTemplate(context.agentLanguage?.(lead.agentId)), mergeValuesOf(lead));
    const response = await CONNECTORS.mail(context.connectors).send(lead.email, email, { idempotencyKey: job.idempotencyKey });
    return { kind: 'succeeded', response: { ...response, to: lead.email } };
  },
};
