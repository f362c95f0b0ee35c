import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { CompactionResult, OperationsRepository } from './operations-repository';

/**
 * How long full detail is kept (Settings → `retention`, admin API `/v1/settings/retention`).
 * Compaction keeps every row that a screen counts or links to and drops only bulky payloads:
 * - delivered outbox jobs: the step snapshot, the remote answer and the attempt history go; the job
 *   row with its status, attempt count, times and `result` (affiliate id, referral URL) stays;
 * - lead events: the event's data goes; its type, actor and time stay on the lead's timeline;
 * - daily usage rows: rolled up into one row per month (dated the 1st), totals unchanged;
 * - conversations whose last message is older than `transcriptsDays`: deleted with their messages
 *   (the transcript holds what the visitor typed; the lead keeps the submitted answers).
 */
export const RETENTION_SETTINGS_KEY = 'retention';
const days = (what: string, fallback: number) =>
  z
    .number({ error: `expected a number of days for ${what}` })
    .int({ message: 'expected a whole number of days' })
    .min(1, { message: 'expected at least 1 day' })
    .max(3650, { message: 'expected at most 3650 days (10 years)' })
    .default(fallback);

export const retentionSettingsSchema = z
  .object({
    deliveredJobsDays: days('delivered outbox jobs', 30),
    leadEventsDays: days('lead events', 180),
    usageDailyDays: days('daily usage rows', 400),
    transcriptsDays: days('chat transcripts', 180),
  })
  .strict();
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;
export const DEFAULT_RETENTION: RetentionSettings = retentionSettingsSchema.parse({});

/** Free pages returned to the file system per run (4 KB pages: 16 MB), so one run stays short. */
const VACUUM_PAGES_PER_RUN = 4096;
const DAY_MS = 86_400_000;

export function readRetentionSettings(read: (key: string) => unknown): RetentionSettings {
  const parsed = retentionSettingsSchema.safeParse(read(RETENTION_SETTINGS_KEY) ?? {});
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

export function cutoffsFor(settings: RetentionSettings, nowMs: number) {
  const before = (daysKept: number) => new Date(nowMs - daysKept * DAY_MS).toISOString();
  return {
    deliveredJobsBefore: before(settings.deliveredJobsDays),
    leadEventsBefore: before(settings.leadEventsDays),
    usageDaysBefore: before(settings.usageDailyDays).slice(0, 10),
    transcriptsBefore: before(settings.transcriptsDays),
  };
}

export interface RetentionOptions {
  repository: Pick<OperationsRepository, 'compact' | 'incrementalVacuum'>;
  settings: () => RetentionSettings;
  logger: Logger;
  now?: () => number;
  /** How often compaction runs in a long-lived process (default every 6 hours; the first run 1 minute after start). */
  intervalMs?: number;
}

export function createRetention({ repository, settings, logger, now = Date.now, intervalMs = 6 * 3_600_000 }: RetentionOptions) {
  let timer: NodeJS.Timeout | null = null;

  function runOnce(): CompactionResult & { pagesFreed: number } {
    const result = repository.compact(cutoffsFor(settings(), now()));
    const pagesFreed = repository.incrementalVacuum(VACUUM_PAGES_PER_RUN);
    if (result.jobsCompacted || result.leadEventsCompacted || result.usageRowsRolledUp || result.transcriptsRemoved || pagesFreed) logger.info('retention compaction', { ...result, pagesFreed });
    return { ...result, pagesFreed };
  }

  function safeRun(): void {
    try {
      runOnce();
    } catch (error) {
      logger.warn('retention compaction failed; it runs again later', { error: String(error) });
    }
  }

  return {
    runOnce,
    start(): void {
      if (timer) return;
      timer = setTimeout(function tick() {
        safeRun();
        timer = setTimeout(tick, intervalMs);
        timer.unref();
      }, Math.min(60_000, intervalMs));
      timer.unref();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
export type Retention = ReturnType<typeof createRetention>;
