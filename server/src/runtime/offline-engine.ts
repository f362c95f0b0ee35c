import type { OfflineEngine } from './turn-runner';

/**
 * Adapter between the runtime and the offline engine's state machine (runtime/offline/).
 * Until the state machine lands this answers from knowledge or with the agent's fallback message.
 */
export function createOfflineEngine(): OfflineEngine {
  return {
    run(context, reply) {
      const top = context.knowledge[0];
      if (top) reply.write(`${top.text.slice(0, 600)} [${top.sourceId}]`);
      else reply.write(context.agent.fallbackMessage);
      return {
        engine: 'offline',
        stopReason: 'offline',
        usage: { inputTokens: 0, outputTokens: 0 },
        citations: top ? [{ id: top.sourceId, title: top.title, url: top.url }] : [],
      };
    },
  };
}
