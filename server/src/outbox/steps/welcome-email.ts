import { CONNECTORS } from '../../connectors';
import { renderEmail } from '../../connectors/email-templates';
import { defaultWelcomeTemplate } from '../../contract/email-translations';
import { mergeValuesOf } from './merge-values';
import type { StepHandler } from './step-handler';

/** After approval: the welcome kit with the referral link the step before fetched. */
export const welcomeEmailStep: StepHandler<'welcome_email'> = {
  type: 'welcome_email',
  // The welcome kit goes out once per lead, however often it is approved (here or in AffiliateWP).
  planApproval: ({ decision, succeededBefore }) => {
    if (decision !== 'approved') return null;
    const sent = succeededBefore('welcome_email');
    return {
      id: 'welcome_email',
      type: 'welcome_email',
      label: 'Send the welcome email with the referral link',
      dependsOn: ['referral_url'],
      step: { id: 'welcome_email', type: 'welcome_email', config: {} },
      skipReason: sent ? `Skipped: the welcome email was sent already (${sent.finishedAt ?? sent.updatedAt}).` : undefined,
    };
  },
  execute: async (job, lead, context) => {
    if (!lead.email) return { kind: 'failed', error: 'The lead has no email address.', response: null };
    const referralUrl = context.groupResults.referral_url?.referralUrl;
    if (typeof referralUrl !== 'string') return { kind: 'failed', error: 'The referral link is missing; replay the referral step first.', response: null };
    const email = renderEmail(context.settings.emails.welcome ?? defaultWelcomeTemplate(context.agentLanguage?.(lead.agentId)), mergeValuesOf(lead, { referral_url: referralUrl }));
    const response = await CONNECTORS.mail(context.connectors).send(lead.email, email, { idempotencyKey: job.idempotencyKey });
    return { kind: 'succeeded', response: { ...response, to: lead.email } };
  },
};
