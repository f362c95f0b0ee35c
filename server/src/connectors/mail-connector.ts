import { DeliveryError, type ResponseSummary } from './delivery-error';
import type { RenderedEmail } from './email-templates';
import type { WordPressBridgeClient } from './wordpress-bridge-client';

/** Sends mail through WordPress (`wp_mail` behind the bridge), so the site's own mail setup is used. */
export function createMailConnector({ bridge }: { bridge: WordPressBridgeClient }) {
  async function send(to: string | string[], email: RenderedEmail, headers: string[] = []): Promise<ResponseSummary> {
    const recipients = Array.isArray(to) ? to : [to];
    if (recipients.length === 0) throw new DeliveryError('No recipient: add notification recipients in Settings → Delivery or on the step.', { retryable: false, code: 'no_recipient' });
    // The bridge takes one address in `to` (wp_mail is called once); further recipients ride as Cc.
    const lines = [...headers, ...recipients.slice(1).map((address) => `Cc: ${address}`)];
    const { data, response } = await bridge.call<{ sent?: boolean }>('mail/send', {
      to: recipients[0],
      subject: email.subject,
      html: email.html,
      text: email.text,
      ...(lines.length ? { headers: lines } : {}),
    });
    if (data.sent !== true) {
      throw new DeliveryError('WordPress could not send the email (wp_mail returned false); check the site’s mail setup. Will retry.', { retryable: true, code: 'mail_not_sent', response });
    }
    return response;
  }
  return { send };
}
export type MailConnector = ReturnType<typeof createMailConnector>;
