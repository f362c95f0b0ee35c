import { RateLimitError } from '../core/errors';

/**
 * Fixed-window counters in memory, per key ("visitor:vis_1", "ip:1.2.3.4"). Cheap enough to sit
 * in front of every chat request; a restart forgets the counts, which only ever errs towards allowing.
 */
export interface ChatLimits {
  messagesPerVisitorPerMinute: number;
  messagesPerIpPerMinute: number;
  conversationsPerIpPerMinute: number;
  maxMessageLength: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = {
  messagesPerVisitorPerMinute: 20,
  messagesPerIpPerMinute: 120,
  conversationsPerIpPerMinute: 30,
  maxMessageLength: 2000,
};

export function createRateLimiter(now: () => number = () => Date.now()) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();

  function sweep(at: number) {
    if (at - lastSweep < 60_000) return;
    lastSweep = at;
    for (const [key, window] of windows) if (at - window.start >= 60_000) windows.delete(key);
  }

  return {
    /** Counts one hit; throws RateLimitError once `limit` hits happened in the current minute. */
    hit(key: string, limit: number, what: string): void {
      const at = now();
      sweep(at);
      const window = windows.get(key);
      if (!window || at - window.start >= 60_000) {
        windows.set(key, { start: at, count: 1 });
        return;
      }
      if (window.count >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.start + 60_000 - at) / 1000));
        throw new RateLimitError(`Too many ${what}; at most ${limit} a minute. Try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
      }
      window.count += 1;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
