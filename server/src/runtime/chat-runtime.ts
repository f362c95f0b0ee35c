import type { ServiceConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { ChatModel } from './chat-model';
import { createOfflineEngine } from './offline-engine';
import { createOpenAIProvider } from './openai-provider';
import type { OfflineEngine } from './turn-runner';

/**
 * The runtime's configurable parts in one object: the provider (null without an API key, so the
 * offline engine is the default) and the offline engine. Tests swap the model for a scripted one.
 * The chat API's limits and heartbeat are the chat API's traffic knobs (conversations/chat-traffic.ts); the container
 * merges both into `container.chat`.
 */
export function createChatRuntime({ config, logger }: { config: ServiceConfig; logger: Logger }) {
  let model: ChatModel | null = config.openai.apiKey
    ? createOpenAIProvider({
        apiKey: config.openai.apiKey,
        baseUrl: config.openai.baseUrl,
        model: config.openai.model,
        timeoutMs: config.openai.timeoutMs,
        logger,
      })
    : null;
  const offline: OfflineEngine = createOfflineEngine();
  return {
    model: () => model,
    setModel(next: ChatModel | null): void {
      model = next;
    },
    offline,
  };
}
export type ChatRuntime = ReturnType<typeof createChatRuntime>;
