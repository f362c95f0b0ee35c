import { readDeliverySettings, type SettingsStore } from '../../connectors/delivery-settings';
import type { RenderedEmail } from '../../connectors/email-templates';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../logging/logger';
import { readAutoApprovalPolicy } from '../../leads/auto-approval/auto-approval-policy';
import type { DigestRepository } from './digest-repository';
import { renderDigest } from './render-digest';

/**
 * Once a UTC day the manager recipients get a digest of the day before (render-digest.ts). The
 * day's row (migration 015) is claimed before anything is sent and the mail carries the key
 * `manager-digest:<day>`, which the plugin's mail/send remembers: a restart, a second worker or a
 * retry after a crash mid-send never mails the day twice. Nothing to report: recorded as skipped.
 */
const DAY_MS = 86_400_000;
const TICK_MS = 60_000;
const LEASE_MS = 120_000;
const RETRY_MS = 15 * 60_000;
const WAITING_LISTED = 20;

export interface DigestReport {
  day: string;
  outcome: 'sent' | 'skipped' | 'not-claimed' | 'retry';
  reason?: string;
}

export function createDailyDigest({
  repository,
  settings,
  clock,
  logger,
  sendMail,
}: {
  repository: DigestRepository;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  /** The site's wp_mail through the bridge, with the idempotency key (connectors/mail-connector.ts). */
  sendMail: (to: string[], email: RenderedEmail, idempotencyKey: string) => Promise<unknown>;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DigestReport> | null = null;

  async function runForYesterday(): Promise<DigestReport> {
    const now = clock.now();
    const at = new Date(now).toISOString();
    const from = new Date(Math.floor(now / DAY_MS) * DAY_MS - DAY_MS);
    const day = from.toISOString().slice(0, 10);
    if (!repository.claim(day, { now, leaseMs: LEASE_MS, at })) return { day, outcome: 'not-claimed', reason: 'sent, skipped or being sent already' };
    const skip = (reason: string): DigestReport => {
      repository.finish(day, { status: 'skipped', reason, summary: null, at });
      return { day, outcome: 'skipped', reason };
    };

    const policy = readAutoApprovalPolicy(settings);
    if (!policy.dailyDigest) return skip('the daily digest is off in the auto-approval policy');
    const fromIso = from.toISOString();
    const toIso = new Date(from.getTime() + DAY_MS).toISOString();
    const autoApprovals = repository.autoApprovalsBetween(fromIso, toIso);
    // With auto-approval off and nothing it approved to report, the digest would only repeat the inbox.
    if (!policy.enabled && !autoApprovals.length) return skip('auto-approval is off and approved nothing that day');
    const waiting = repository.waitingForReview(WAITING_LISTED);
    if (!autoApprovals.length && !waiting.total) return skip('nothing to report: no auto-approvals and no lead waiting for review');
    const delivery = readDeliverySettings(settings);
    if (!delivery.notifications.recipients.length) return skip('no notification recipients (Settings, “AffiliateWP and notifications”)');
    if (!delivery.wordpress.siteUrl) return skip('WordPress is not connected, so there is no mail path');

    const skipped = repository.skippedBetween(fromIso, toIso);
    const email = renderDigest({ day, autoApprovals, skipped, waiting }, { siteUrl: delivery.wordpress.siteUrl, now });
    try {
      await sendMail(delivery.notifications.recipients, email, `manager-digest:${day}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      repository.retryLater(day, { nextAttemptAt: now + RETRY_MS, reason, at });
      logger.warn('daily digest: the mail was not sent; trying again later', { day, error: reason });
      return { day, outcome: 'retry', reason };
    }
    const summary = { autoApproved: autoApprovals.length, undone: autoApprovals.filter((entry) => entry.undone).length, skippedByPolicy: skipped, waitingForReview: waiting.total };
    repository.finish(day, { status: 'sent', reason: null, summary, at });
    return { day, outcome: 'sent' };
  }

  function runOnce(): Promise<DigestReport> {
    running ??= runForYesterday().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    /** The digest of yesterday (UTC), if no one has sent or skipped it yet. */
    runOnce,
    /** The day's record, for tests and the operator. */
    record: (day: string) => repository.get(day),
    /** Checks once a minute; the claim makes every check after the first a cheap no-op. */
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (!running) void runOnce();
      }, TICK_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
export type DailyDigest = ReturnType<typeof createDailyDigest>;
