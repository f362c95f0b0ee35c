import type { Clock } from '../core/clock';
import { addressKeyOf } from '../security/client-key';
import { HELD_PREFIX } from './step-holds';
import type { TypedMailRepository } from './typed-mail-repository';

/**
 * Caps on mail to addresses a visitor typed (issue 12). Anyone can type a stranger's email into the
 * chat; without caps the site would mail that stranger as often as someone applies. Numbers, chosen
 * so a real applicant (one application, a resend or two) never meets them:
 * - per address: 3 an hour and 6 a day, whoever typed it;
 * - per client (a keyed hash of the visitor's IP as the service saw it, AA_TRUSTED_PROXIES applied):
 *   10 a day, to whatever addresses.
 * Only mail the visitor set off counts (an action's email step to the applicant; the verification
 * code, typed_mail rows owned by the conversation, uses the same caps); the welcome and rejection emails follow a manager's decision and are not
 * capped. A capped email is not dropped: its step is recorded as held for the manager, with the cap
 * that stopped it, in the delivery ledger, and the manager may replay it.
 */
export const TYPED_MAIL_CAPS = { perAddressPerHour: 3, perAddressPerDay: 6, perClientPerDay: 10 } as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows older than this count for no window any more. */
const KEEP_MS = 2 * DAY_MS;

export interface TypedMailRequest {
  /** The lead whose email step this is; or, for a verification code, the conversation it was sent in. */
  owner: { leadId: string } | { conversationId: string };
  /** The lead's step, or one send of a verification code; a lead's step is counted once. */
  stepId: string;
  /** The typed email address. */
  address: string;
  /** clientKeyOf() of the visitor's address; null when unknown (the cap per client then cannot apply). */
  clientKey: string | null;
}

export function createTypedMailCaps(options: { repository: TypedMailRepository; secret: string; clock: Clock; caps?: typeof TYPED_MAIL_CAPS }) {
  const caps = options.caps ?? TYPED_MAIL_CAPS;
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Which cap this mail would break, in words for the ledger; undefined when it may go. */
  function breach(addressKey: string, clientKey: string | null, now: number): string | undefined {
    const { repository } = options;
    const lastHour = repository.sentToAddressSince(addressKey, iso(now - HOUR_MS));
    if (lastHour >= caps.perAddressPerHour) return `this address was mailed ${lastHour} times in the last hour (cap ${caps.perAddressPerHour} an hour)`;
    const lastDay = repository.sentToAddressSince(addressKey, iso(now - DAY_MS));
    if (lastDay >= caps.perAddressPerDay) return `this address was mailed ${lastDay} times in the last 24 hours (cap ${caps.perAddressPerDay} a day)`;
    if (clientKey) {
      const fromClient = repository.sentForClientSince(clientKey, iso(now - DAY_MS));
      if (fromClient >= caps.perClientPerDay) return `the visitor's network address set off ${fromClient} emails to typed addresses in the last 24 hours (cap ${caps.perClientPerDay} a day)`;
    }
    return undefined;
  }

  return {
    caps,
    /**
     * Counts one mail to a typed address and answers why it is held, or undefined when it may be sent.
     * Runs inside the lead's transaction (synchronous SQLite), so two leads cannot both take the last slot.
     */
    admit(request: TypedMailRequest): string | undefined {
      // Scheduling the same step again (a no-op for the outbox) must not count it twice.
      const leadId = 'leadId' in request.owner ? request.owner.leadId : null;
      const earlier = leadId ? options.repository.decisionFor(leadId, request.stepId) : null;
      if (earlier) return earlier.capped ? `${HELD_PREFIX} mail cap reached earlier for this email. Replay it if this email should go.` : undefined;
      const now = options.clock.now();
      const at = iso(now);
      options.repository.pruneBefore(iso(now - KEEP_MS));
      const addressKey = addressKeyOf(options.secret, request.address);
      const reason = breach(addressKey, request.clientKey, now);
      options.repository.record({ leadId, conversationId: 'conversationId' in request.owner ? request.owner.conversationId : null, stepId: request.stepId, addressKey, clientKey: request.clientKey, capped: reason !== undefined, at });
      return reason === undefined ? undefined : `${HELD_PREFIX} mail cap reached: ${reason}. Replay it if this email should go.`;
    },
  };
}
export type TypedMailCaps = ReturnType<typeof createTypedMailCaps>;
