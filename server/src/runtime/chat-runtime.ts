import type { ServiceConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { ChatModel } from './chat-model';
import { createOfflineEngine } from './offline-engine';
import { createOpenAIProvider } from './openai-provider';
import { withCircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import type { OfflineEngine } from './turn-runner';
import { DEFAULT_CHAT_LIMITS, createRateLimiter, type ChatLimits } from '../conversations/rate-limiter';
import { HEARTBEAT_MS } from '../conversations/event-stream';

/**
 * The runtime's configurable parts in one object: the provider (null without an API key, so the
 * offline engine is the default), the offline engine, and the chat API's limits. Tests swap the
 * model for a scripted one and lower the limits here.
 */
export function createChatRuntime({ config, logger }: { config: ServiceConfig; logger: Logger }) {
  let model: ChatModel | null = config.openai.apiKey
    ? withCircuitBreaker(createOpenAIProvider({
        apiKey: config.openai.apiKey,
        baseUrl: config.openai.baseUrl,
        model: config.openai.model,
        timeoutMs: config.openai.timeoutMs,
        logger,
      }))
    : null;
  const offline: OfflineEngine = createOfflineEngine();
  return {
    model: () => model,
    /** Tests and benchmarks set their own model; `breaker` puts it behind the same circuit breaker. */
    setModel(next: ChatModel | null, breaker?: CircuitBreakerOptions): void {
      model = next && breaker ? withCircuitBreaker(next, breaker) : next;
    },
    offline,
    limits: { ...DEFAULT_CHAT_LIMITS } as ChatLimits,
    rateLimiter: createRateLimiter(),
    heartbeatMs: HEARTBEAT_MS,
  };
}
export type ChatRuntime = ReturnType<typeof createChatRuntime>;
