import { DEFAULT_CHAT_LIMITS, createRateLimiter, type ChatLimits } from './rate-limiter';

/** A comment line this often keeps proxies and load balancers from closing an idle chat stream. */
export const HEARTBEAT_MS = 15_000;

/**
 * The chat API's traffic knobs in one object: the per-minute limits, the in-memory rate limiter
 * and the SSE heartbeat. Plain data, no express: the container merges it into `container.chat`
 * (tests lower the limits and the heartbeat there, next to the model they swap) and http/ reads it.
 */
export function createChatTraffic() {
  return {
    limits: { ...DEFAULT_CHAT_LIMITS } as ChatLimits,
    rateLimiter: createRateLimiter(),
    heartbeatMs: HEARTBEAT_MS,
  };
}
export type ChatTraffic = ReturnType<typeof createChatTraffic>;
