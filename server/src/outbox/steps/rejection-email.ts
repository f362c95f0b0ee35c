import { CONNECTORS } from '../../connectors';
import { renderEmail } from '../../connectors/email-templates';
import { defaultRejectionTemplate } from '../../contract/email-translations';
import { mergeValuesOf } from './merge-values';
import type { StepHandler } from './step-handler';

/** After a rejection: tells the applicant, in the owner's words (Settings → Emails), unless switched off. */
export const rejectionEmailStep: StepHandler<'rejection_email'> = {
  type: 'rejection_email',
  skipReasonWhenScheduled: (settings) => (settings.emails.rejectionEnabled ? undefined : 'The rejection email is switched off in Settings.'),
  execute: async (job, lead, context) => {
    if (!lead.email) return { kind: 'failed', error: 'The lead has no email address.', response: null };
    const email = renderEmail(context.settings.emails.rejection ?? defaultRejectionTemplate(context.agentLanguage?.(lead.agentId)), mergeValuesOf(lead));
    const response = await CONNECTORS.mail(context.connectors).send(lead.email, email, { idempotencyKey: job.idempotencyKey });
    return { kind: 'succeeded', response: { ...response, to: lead.email } };
  },
};
