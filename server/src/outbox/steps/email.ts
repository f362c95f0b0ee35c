import { CONNECTORS } from '../../connectors';
import type { DeliverySettings } from '../../connectors/delivery-settings';
import { renderEmail, type RenderedEmail } from '../../connectors/email-templates';
import type { Lead } from '../../contract/lead-types';
import { leadAdminUrl } from '../manager-notification';
import { mergeValuesOf } from './merge-values';
import { configOf, type StepHandler } from './step-handler';

/** The email an action's email step sends: to the applicant or a fixed address, merge tags filled. */
export function stepEmailOf(lead: Lead, config: { to?: unknown; subject?: unknown; body?: unknown }, settings: DeliverySettings): { to: string | null; email: RenderedEmail } {
  const to = config.to === 'applicant' ? lead.email : typeof config.to === 'string' ? config.to : null;
  const email = renderEmail(
    { subject: String(config.subject ?? ''), body: String(config.body ?? '') },
    mergeValuesOf(lead, { lead_url: leadAdminUrl(settings.wordpress.siteUrl, lead.id) }),
  );
  return { to, email };
}

export const emailStep: StepHandler<'email'> = {
  type: 'email',
  preview: (config, { lead, settings }) => {
    const { to, email } = stepEmailOf(lead, config, settings);
    return { to, subject: email.subject, text: email.text };
  },
  execute: async (job, lead, context) => {
    const { to, email } = stepEmailOf(lead, configOf(job), context.settings);
    if (!to) return { kind: 'failed', error: 'The lead has no email address to send to.', response: null };
    const response = await CONNECTORS.mail(context.connectors).send(to, email, { idempotencyKey: job.idempotencyKey });
    return { kind: 'succeeded', response: { ...response, to } };
  },
};
