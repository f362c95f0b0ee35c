import { UpstreamError } from '../core/errors';
import { withAgentLanguage } from '../actions/field-parsers/language-packs';
import type { ChatModel } from './chat-model';
import { answerPendingConfirmation } from './confirmation-turn';
import { ModelFallback } from './model-fallback';
import { runProviderTurn } from './run-loop';
import type { ReplyWriter, TurnContext, TurnResult } from './turn-context';

/**
 * Chooses the engine for a turn and falls back: the provider when one is configured and the agent
 * is under its monthly cap, the offline engine otherwise, and the offline engine again when the
 * provider fails part-way (timeout, 5xx, quota) — the visitor gets an answer either way.
 */
export interface OfflineEngine {
  run(context: TurnContext, reply: ReplyWriter): Promise<TurnResult> | TurnResult;
}

export interface EngineChoice {
  model: ChatModel | null;
  /** Why the provider is not used for this turn, for traces and logs. */
  offlineReason: 'no-api-key' | 'monthly-cap' | null;
}

const NO_USAGE = { inputTokens: 0, outputTokens: 0 };

/** One turn, read with the agent's language pack (and English) on both engines. */
export function runTurn(context: TurnContext, reply: ReplyWriter, choice: EngineChoice, offline: OfflineEngine): Promise<TurnResult> {
  return withAgentLanguage(context.agent.language, () => runTurnOnEngine(context, reply, choice, offline));
}

async function runTurnOnEngine(context: TurnContext, reply: ReplyWriter, choice: EngineChoice, offline: OfflineEngine): Promise<TurnResult> {
  if (!choice.model) {
    // The offline engine reads confirmations itself (with "change my email to …" and the like).
    context.emit({ type: 'trace', data: { kind: 'engine', engine: 'offline', reason: choice.offlineReason } });
    return offline.run(context, reply);
  }
  context.emit({ type: 'trace', data: { kind: 'engine', engine: 'provider', model: choice.model.name } });
  if (answerPendingConfirmation(context, reply)) {
    return { engine: 'provider', stopReason: 'answered', usage: NO_USAGE, citations: [] };
  }
  // A snapshot of the state, so a failed provider step cannot leave half an update behind.
  const before = structuredClone(context.conversation.state);
  try {
    return await runProviderTurn(context, choice.model, reply);
  } catch (error) {
    if (error instanceof ModelFallback) {
      context.logger.warn('the model misbehaved for a whole turn; answering on the offline engine', { conversationId: context.conversation.id, reason: error.reason, ...error.details });
      context.conversation.state = before;
      context.emit({ type: 'trace', data: { kind: 'engine', engine: 'offline', reason: error.reason } });
      if (reply.text.trim() !== '') reply.write('\n\n');
      return offline.run(context, reply);
    }
    if (!(error instanceof UpstreamError)) throw error;
    context.logger.warn('AI provider failed mid-turn; continuing on the offline engine', {
      conversationId: context.conversation.id,
      code: error.code,
      message: error.message,
    });
    context.conversation.state = before;
    context.emit({ type: 'trace', data: { kind: 'engine', engine: 'offline', reason: error.code === 'upstream_circuit_open' ? 'circuit-open' : 'provider-failed', code: error.code } });
    if (reply.text.trim() !== '') reply.write('\n\n');
    return offline.run(context, reply);
  }
}
