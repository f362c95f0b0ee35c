import { CONNECTORS } from '../../connectors';
import type { DeliverySettings } from '../../connectors/delivery-settings';
import type { RenderedEmail } from '../../connectors/email-templates';
import type { Lead } from '../../contract/lead-types';
import type { AnswerField } from '../../contract/lead-answers';
import { renderManagerNotification } from '../manager-notification';
import { configOf, type StepHandler } from './step-handler';

/** The manager's "new lead" email: the step's own recipients, else the ones in the delivery settings. */
export function managerNotificationOf(
  lead: Lead,
  config: { recipients?: unknown },
  settings: DeliverySettings,
  trigger: string,
  fields?: AnswerField[] | null,
): { recipients: string[]; email: RenderedEmail } {
  const own = Array.isArray(config.recipients) ? (config.recipients as string[]) : [];
  return {
    recipients: own.length ? own : settings.notifications.recipients,
    email: renderManagerNotification(lead, { siteUrl: settings.wordpress.siteUrl, trigger, fields, locale: settings.wordpress.locale }),
  };
}

export const notifyManagerStep: StepHandler<'notify_manager'> = {
  type: 'notify_manager',
  preview: (config, { lead, settings, fields }) => {
    const { recipients, email } = managerNotificationOf(lead, config, settings, 'lead-created', fields);
    return { to: recipients, subject: email.subject, text: email.text };
  },
  execute: async (job, lead, context) => {
    const { recipients, email } = managerNotificationOf(lead, configOf(job), context.settings, job.trigger, context.fieldsOf?.(lead));
    const response = await CONNECTORS.mail(context.connectors).send(recipients, email, { idempotencyKey: job.idempotencyKey });
    return { kind: 'succeeded', response: { ...response, to: recipients.join(', ') } };
  },
};
