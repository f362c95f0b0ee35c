/**
 * The outbox's notion of time. The worker, backoff and leases read it, so tests can jump hours
 * ahead to the next retry without waiting or faking timers globally.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  advance(milliseconds: number): void;
  set(epochMilliseconds: number): void;
}

export function createManualClock(start = Date.parse('2026-01-05T09:00:00Z')): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
    set(epochMilliseconds) {
      current = epochMilliseconds;
    },
  };
}
