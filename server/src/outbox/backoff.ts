import type { RetrySettings } from '../connectors/delivery-settings';

/**
 * Exponential backoff with jitter: the n-th retry waits base × 4^(n-1), capped, then scaled by a
 * random factor in [0.5, 1] so endpoints that failed together do not get retried in lock-step.
 * With the defaults (30 s base, 1 day cap, 12 attempts) retries span 30 s, 2 min, 8 min, 32 min,
 * ~2 h, ~8.5 h and then daily: roughly a week before a job is dead.
 */
export function retryDelayMs(failedAttempts: number, settings: RetrySettings, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const raw = settings.baseDelaySeconds * 1000 * Math.pow(4, Math.min(exponent, 20));
  const capped = Math.min(raw, settings.maxDelaySeconds * 1000);
  return Math.round(capped * (0.5 + 0.5 * random()));
}

/** The longest delay a retry can have, for tests that jump straight past it. */
export function maxRetryDelayMs(failedAttempts: number, settings: RetrySettings): number {
  return retryDelayMs(failedAttempts, settings, () => 1);
}
