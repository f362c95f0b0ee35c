import { DEFAULT_CHAT_LIMITS, createRateLimiter, type ChatLimits } from './rate-limiter';
import { HEARTBEAT_MS } from './event-stream';

/**
 * The chat API's HTTP-side knobs in one object: the per-minute limits, the in-memory rate limiter
 * and the SSE heartbeat. The container merges it into `container.chat`, so tests lower the limits
 * and the heartbeat there, next to the model they swap.
 */
export function createChatTraffic() {
  return {
    limits: { ...DEFAULT_CHAT_LIMITS } as ChatLimits,
    rateLimiter: createRateLimiter(),
    heartbeatMs: HEARTBEAT_MS,
  };
}
export type ChatTraffic = ReturnType<typeof createChatTraffic>;
