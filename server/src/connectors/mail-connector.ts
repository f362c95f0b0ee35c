import { DeliveryError, type ResponseSummary } from './delivery-error';
import type { RenderedEmail } from './email-templates';
import type { WordPressBridgeClient } from './wordpress-bridge-client';

/**
 * Sends mail through WordPress (`wp_mail` behind the bridge), so the site's own mail setup is used.
 * Every call carries the outbox job's idempotency key: the plugin remembers the keys it sent (7
 * days) and answers `already_sent` to a repeat, so a retry after a crash never mails twice.
 */
export function createMailConnector({ bridge }: { bridge: WordPressBridgeClient }) {
  async function send(to: string | string[], email: RenderedEmail, options: { idempotencyKey: string; headers?: string[] }): Promise<ResponseSummary & { alreadySent?: boolean }> {
    const headers = options.headers ?? [];
    const recipients = Array.isArray(to) ? to : [to];
    if (recipients.length === 0) throw new DeliveryError('No recipient: add notification recipients in Affiliate Agent → Settings, “AffiliateWP and notifications” or on the step.', { retryable: false, code: 'no_recipient' });
    // The bridge takes one address in `to` (wp_mail is called once); further recipients ride as Cc.
    const lines = [...headers, ...recipients.slice(1).map((address) => `Cc: ${address}`)];
    const { data, response } = await bridge.call<{ sent?: boolean; already_sent?: boolean }>('mail/send', {
      idempotency_key: options.idempotencyKey,
      to: recipients[0],
      subject: email.subject,
      html: email.html,
      text: email.text,
      ...(lines.length ? { headers: lines } : {}),
    });
    if (data.sent !== true) {
      throw new DeliveryError('WordPress could not send the email (wp_mail returned false); check the site’s mail setup. Will retry.', { retryable: true, code: 'mail_not_sent', response });
    }
    return data.already_sent === true ? { ...response, alreadySent: true } : response;
  }
  return { send };
}
export type MailConnector = ReturnType<typeof createMailConnector>;
