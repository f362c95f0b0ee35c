import crypto from 'node:crypto';
import { normaliseEmail } from '../../actions/field-parsers/email';
import { systemClock, type Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import type { EmailVerificationMethod } from '../../contract/lead-types';
import type { RenderedEmail } from '../../connectors/email-templates';
import type { Logger } from '../../logging/logger';
import { VERIFICATION_LIMITS, type VerificationLimits } from './verification-limits';
import { verificationEmail } from './verification-email';
import type { VerificationRecord, VerificationRepository } from './verification-repository';

/**
 * Proving in the chat that the visitor owns the email they typed (issue 12): a 6-digit code mailed
 * through the site (the WordPress bridge's wp_mail, as the outbox's emails), or a logged-in WordPress
 * user whose account email is that address. Codes are kept only as an HMAC keyed with the service's
 * secret and the challenge id, so neither the database nor a log holds a code, and a code of one
 * conversation never proves another. Limits: verification-limits.ts.
 */
export type VerificationStatus =
  | { state: 'none' }
  | { state: 'verified'; method: EmailVerificationMethod; verifiedAt: string }
  | { state: 'pending'; expired: boolean; attemptsLeft: number; sendsLeft: number; /** False when the last send failed: no code is out. */ codeOut: boolean }
  | { state: 'locked' };

export type SendOutcome =
  | { outcome: 'sent'; expiresAt: string; sendsLeft: number; /** Only in a dry run (the playground), never otherwise. */ code?: string }
  | { outcome: 'cooldown'; retryInSeconds: number }
  | { outcome: 'limit' }
  /** The caps on mail to typed addresses (across conversations and clients) held this code back. */
  | { outcome: 'capped' }
  | { outcome: 'no-transport' }
  | { outcome: 'failed' }
  | { outcome: 'verified' }
  | { outcome: 'locked' };

export type CheckOutcome =
  | { outcome: 'verified'; method: EmailVerificationMethod; verifiedAt: string }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'locked' }
  | { outcome: 'expired' }
  | { outcome: 'none' };

export interface EmailVerificationDependencies {
  repository: VerificationRepository;
  /** The service's shared secret: the HMAC key of stored codes. */
  secret: string;
  /** Sends one mail through the site; the key makes a retried send one mail (the bridge remembers it). */
  sendMail: (to: string, email: RenderedEmail, idempotencyKey: string) => Promise<void>;
  /** False when no WordPress bridge is connected: nothing can be mailed, the lead stays unverified. */
  canSendMail: () => boolean;
  /**
   * The caps on mail to visitor-typed addresses (outbox/typed-mail-caps.ts), shared with the
   * applicant emails: the per-conversation limits above do not stop a visitor who opens many
   * conversations. Answers why a send is held, or undefined when it may go.
   */
  admitMail?: (request: { owner: { conversationId: string }; stepId: string; address: string; clientKey: string | null }) => string | undefined;
  logger: Logger;
  clock?: Clock;
  limits?: VerificationLimits;
  /** Tests: a fixed code generator; by default crypto.randomInt. */
  generateCode?: () => string;
}

export function createEmailVerificationService(dependencies: EmailVerificationDependencies) {
  const { repository, logger } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const limits = dependencies.limits ?? VERIFICATION_LIMITS;
  const generate = dependencies.generateCode ?? (() => String(crypto.randomInt(0, 10 ** limits.codeDigits)).padStart(limits.codeDigits, '0'));
  const iso = (milliseconds: number) => new Date(milliseconds).toISOString();
  const hashOf = (challengeId: string, code: string) => crypto.createHmac('sha256', dependencies.secret).update(`aa-email-code.${challengeId}.${code}`).digest('base64url');

  function statusOf(record: VerificationRecord | null): VerificationStatus {
    if (!record) return { state: 'none' };
    if (record.verifiedAt && record.method) return { state: 'verified', method: record.method, verifiedAt: record.verifiedAt };
    if (record.lockedAt) return { state: 'locked' };
    const expired = !record.expiresAt || Date.parse(record.expiresAt) <= clock.now();
    return { state: 'pending', expired, attemptsLeft: Math.max(0, limits.maxAttempts - record.attempts), sendsLeft: Math.max(0, limits.maxSends - record.sends), codeOut: record.codeHash !== null };
  }

  const latest = (conversationId: string, email: string) => repository.latest(conversationId, normaliseEmail(email));

  return {
    limits,
    canSendMail: () => dependencies.canSendMail(),

    status: (conversationId: string, email: string): VerificationStatus => statusOf(latest(conversationId, email)),

    /**
     * A logged-in WordPress user (id and email signed into the visitor token by the plugin) proves
     * the address without a code when it is their account email. Answers whether it did.
     */
    confirmWordPressUser(conversationId: string, email: string, user: { id: number; email: string } | null | undefined): boolean {
      if (!user || normaliseEmail(user.email) !== normaliseEmail(email)) return false;
      const now = iso(clock.now());
      repository.insert({
        id: newId('evf'),
        conversationId,
        email: normaliseEmail(email),
        method: 'wordpress-user',
        codeHash: null,
        attempts: 0,
        sends: 0,
        createdAt: now,
        expiresAt: null,
        lastSentAt: null,
        verifiedAt: now,
        lockedAt: null,
      });
      return true;
    },

    /**
     * Sends a new code to `email` (the first send or a resend). In a dry run nothing is mailed and
     * the code is returned instead, for the playground's trace. `clientKey` (the conversation's keyed
     * client address) lets the per-client mail cap apply; `language` (the agent's) picks the mail's language.
     */
    async send(conversationId: string, email: string, options: { dryRun?: boolean; clientKey?: string | null; language?: string | null } = {}): Promise<SendOutcome> {
      const address = normaliseEmail(email);
      if (!options.dryRun && !dependencies.canSendMail()) return { outcome: 'no-transport' };
      const code = generate();
      const now = clock.now();
      const prepared = repository.transaction((): SendOutcome | { record: VerificationRecord } => {
        const existing = repository.latest(conversationId, address);
        const status = statusOf(existing);
        if (status.state === 'verified') return { outcome: 'verified' };
        if (status.state === 'locked') return { outcome: 'locked' };
        if (existing) {
          if (existing.sends >= limits.maxSends) return { outcome: 'limit' };
          const since = existing.lastSentAt ? (now - Date.parse(existing.lastSentAt)) / 1000 : Infinity;
          if (since < limits.resendCooldownSeconds) return { outcome: 'cooldown', retryInSeconds: Math.ceil(limits.resendCooldownSeconds - since) };
        }
        const id = existing?.id ?? newId('evf');
        const sends = (existing?.sends ?? 0) + 1;
        // Counted in the same transaction as the send it admits, so two sends cannot share the last slot.
        const capped = options.dryRun ? undefined : dependencies.admitMail?.({ owner: { conversationId }, stepId: `email-verification:${id}:${sends}`, address, clientKey: options.clientKey ?? null });
        const record: VerificationRecord = {
          id,
          conversationId,
          email: address,
          method: null,
          // A new code replaces the old one; wrong attempts are not reset by a resend.
          // A capped send leaves no code out (as a failed one), so the chat does not wait for it.
          codeHash: capped ? null : hashOf(id, code),
          attempts: existing?.attempts ?? 0,
          sends,
          createdAt: existing?.createdAt ?? iso(now),
          expiresAt: capped ? null : iso(now + limits.codeTtlSeconds * 1000),
          lastSentAt: iso(now),
          verifiedAt: null,
          lockedAt: null,
        };
        if (existing) repository.update(record);
        else repository.insert(record);
        if (capped) {
          logger.info('a verification code was held by the mail caps', { conversationId, challengeId: id, reason: capped });
          return { outcome: 'capped' };
        }
        return { record };
      });
      if (!('record' in prepared)) return prepared;
      const { record } = prepared;
      const sendsLeft = limits.maxSends - record.sends;
      if (options.dryRun) return { outcome: 'sent', expiresAt: record.expiresAt!, sendsLeft, code };
      try {
        await dependencies.sendMail(address, verificationEmail(code, Math.round(limits.codeTtlSeconds / 60), options.language), `email-verification:${record.id}:${record.sends}`);
      } catch (error) {
        // The code is not in the message or the fields: only that a send failed, and why.
        logger.warn('the verification code could not be mailed', { conversationId, challengeId: record.id, error: error instanceof Error ? error.message : String(error) });
        // The code never left: it is void, so the chat does not wait for it.
        repository.update({ ...record, codeHash: null, expiresAt: null });
        return { outcome: 'failed' };
      }
      return { outcome: 'sent', expiresAt: record.expiresAt!, sendsLeft };
    },

    /** Checks a code the visitor typed in this conversation for this email. */
    check(conversationId: string, email: string, typed: string): CheckOutcome {
      const digits = typed.replace(/\D/g, '');
      return repository.transaction((): CheckOutcome => {
        const record = latest(conversationId, email);
        const status = statusOf(record);
        if (!record || status.state === 'none') return { outcome: 'none' };
        if (status.state === 'verified') return { outcome: 'verified', method: status.method, verifiedAt: status.verifiedAt };
        if (status.state === 'locked') return { outcome: 'locked' };
        if (status.expired || !record.codeHash) return { outcome: 'expired' };
        const expected = Buffer.from(record.codeHash);
        const given = Buffer.from(hashOf(record.id, digits));
        if (digits.length === limits.codeDigits && expected.length === given.length && crypto.timingSafeEqual(expected, given)) {
          const verifiedAt = iso(clock.now());
          repository.update({ ...record, method: 'code', codeHash: null, verifiedAt });
          return { outcome: 'verified', method: 'code', verifiedAt };
        }
        const attempts = repository.countAttempt(record.id) ?? limits.maxAttempts;
        if (attempts >= limits.maxAttempts) {
          repository.lock(record.id, iso(clock.now()));
          return { outcome: 'locked' };
        }
        return { outcome: 'wrong', attemptsLeft: limits.maxAttempts - attempts };
      });
    },
  };
}
export type EmailVerificationService = ReturnType<typeof createEmailVerificationService>;
