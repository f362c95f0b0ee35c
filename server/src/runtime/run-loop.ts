import type { ActionField } from '../contract/action-definition';
import type { ChatMessage, ChatModel, ToolCall } from './chat-model';
import { buildSummary, confirmationText } from './confirmation';
import { answerToAskedField, lastAssistantAsked } from './asked-field-answer';
import { executeToolCall } from './execute-tool-call';
import { citationsIn } from './knowledge-hits';
import { ModelFallback } from './model-fallback';
import { parseToolCall } from './parse-tool-call';
import { assemblePrompt } from './prompt-assembly';
import { programTermsCorrection } from './program-terms-check';
import { canaryFor, claimsCompletion, CORRECTION, createOutputGuard, SAFE_ANSWER } from './output-guard';
import { GRACEFUL_STOP_MESSAGE, stepLimitReached, tooManyMisbehaviours, type StopReason } from './stop-conditions';
import type { FieldRequest } from './turn-events';
import type { ReplyWriter, TurnContext, TurnResult } from './turn-context';
import { consentAgreement } from '../actions/consent-agreement';

/**
 * One visitor turn on a language model: stream the answer, run tool calls through validation,
 * grounding and confirmation, feed problems back as tool results, and stop on a step limit or
 * repeated misbehaviour. Provider failures propagate (UpstreamError) so the caller can fall back.
 */
export function visitorTextOf(context: TurnContext): string {
  return [...context.history.filter((message) => message.role === 'user').map((message) => message.content), context.userMessage].join('\n');
}

function originsOf(url: string | null | undefined): string[] {
  try {
    return url ? [new URL(url).origin] : [];
  } catch {
    return [];
  }
}

export async function runProviderTurn(context: TurnContext, model: ChatModel, reply: ReplyWriter): Promise<TurnResult> {
  const state = context.conversation.state;
  const askedBefore = state.askedField ?? null;
  const rejected = answerToAskedField(state, context.actions, context.userMessage, (event) => context.emit(event));
  const grounding = {
    latestMessage: context.userMessage,
    answeringField: (field: ActionField) => askedBefore?.fieldKey === field.key || lastAssistantAsked(context.history, field),
  };
  const prompt = assemblePrompt({
    agent: context.agent,
    actions: context.actions,
    state,
    knowledge: context.knowledge,
    history: context.history,
    userMessage: context.userMessage,
    canary: canaryFor(context.conversation.id),
  });
  // Model text reaches the visitor only through the output guard (output-guard.ts).
  const guard = createOutputGuard({
    canary: canaryFor(context.conversation.id),
    confidential: prompt.confidential,
    allowedOrigins: [...(context.linkOrigins ?? []), ...context.knowledge.flatMap((hit) => originsOf(hit.url))],
  });
  const messages: ChatMessage[] = [...prompt.messages];
  // An invalid reply to the field just asked: the model is told what was wrong so it asks again.
  if (rejected) messages.push({ role: 'system', content: rejected.note });
  const usage = { inputTokens: 0, outputTokens: 0 };
  const visitorText = visitorTextOf(context);
  let steps = 0;
  let misbehaviours = 0;
  let pendingFieldRequest: { actionKey: string; field: FieldRequest } | null = null;
  const trace = (event: Parameters<TurnContext['emit']>[0]) => context.emit(event);

  const finish = (stopReason: StopReason): TurnResult => {
    if (stopReason !== 'action-completed' && claimsCompletion(reply.text)) {
      // Nothing was completed in this turn, whatever the model says.
      context.logger.warn('model claimed a completion that did not happen; corrected', { conversationId: context.conversation.id, model: model.name });
      reply.paragraph(CORRECTION);
    }
    const correction = stopReason === 'answered' ? programTermsCorrection(reply.text, context.knowledge) : null;
    if (correction) {
      context.logger.warn('model misquoted the program terms; corrected', { conversationId: context.conversation.id, model: model.name });
      trace({ type: 'trace', data: { kind: 'validation', ok: false, reason: 'program-terms' } });
      reply.paragraph(correction);
    }
    if (guard.linksRemoved > 0) context.logger.info('links to other sites shown as text', { conversationId: context.conversation.id, links: guard.linksRemoved });
    if (stopReason === 'answered' && pendingFieldRequest) {
      // The lead records the consent text as agreed to, so the visitor reads it word for word,
      // whatever the model's own phrasing of the question (the offline engine does the same).
      const consentText = pendingFieldRequest.field.consentText;
      if (consentText && !reply.text.includes(consentText)) reply.paragraph(consentAgreement(consentText));
      context.emit({ type: 'field-request', data: pendingFieldRequest });
      state.askedField = { actionKey: pendingFieldRequest.actionKey, fieldKey: pendingFieldRequest.field.key };
    }
    return { engine: 'provider', stopReason, usage, citations: citationsIn(reply.text, context.knowledge) };
  };
  const stopGracefully = (reason: 'step-limit' | 'model-misbehaved' | 'empty-answer', details: Record<string, unknown>): TurnResult => {
    context.logger.warn('turn ended early', { reason, conversationId: context.conversation.id, model: model.name, ...details });
    // The caller hands the turn to the offline engine; only an empty answer is apologised for here.
    if (reason !== 'empty-answer' && context.fallbackOnMisbehaviour !== false) throw new ModelFallback(reason, details);
    reply.paragraph(GRACEFUL_STOP_MESSAGE[reason]);
    return finish(reason);
  };

  for (;;) {
    if (stepLimitReached(steps, context.limits)) return stopGracefully('step-limit', { steps });
    steps += 1;
    let text = '';
    const calls: ToolCall[] = [];
    for await (const event of model.stream({ messages, tools: prompt.tools, signal: context.signal })) {
      if (event.type === 'text-delta') {
        text += event.delta;
        reply.write(guard.accept(event.delta));
      } else if (event.type === 'tool-call') calls.push(event.call);
      else if (event.usage) {
        usage.inputTokens += event.usage.inputTokens;
        usage.outputTokens += event.usage.outputTokens;
      }
    }
    reply.write(guard.flush());
    if (guard.tripped) {
      // The value that leaked (canary, prompt text) is never logged; what kind of leak it was is.
      context.logger.warn('model output withheld by the output guard', { conversationId: context.conversation.id, model: model.name, leak: guard.tripped, steps });
      trace({ type: 'trace', data: { kind: 'validation', ok: false, reason: 'output-guard', leak: guard.tripped } });
      reply.paragraph(SAFE_ANSWER);
      return { engine: 'provider', stopReason: 'answered', usage, citations: [] };
    }
    if (calls.length === 0) return reply.text.trim() === '' ? stopGracefully('empty-answer', { steps }) : finish('answered');

    messages.push({ role: 'assistant', content: text, toolCalls: calls });
    for (const call of calls) {
      trace({ type: 'trace', data: { kind: 'tool-call', name: call.name, arguments: call.argumentsText } });
      const parsed = parseToolCall(call, context.actions);
      if (!parsed.ok) {
        misbehaviours += 1;
        context.logger.warn('model sent a bad tool call', { reason: parsed.reason, tool: call.name, conversationId: context.conversation.id });
        trace({ type: 'trace', data: { kind: 'validation', ok: false, reason: parsed.reason, message: parsed.message } });
        messages.push({ role: 'tool', toolCallId: call.id, content: parsed.message });
        continue;
      }
      const outcome = executeToolCall({ action: parsed.action, arguments: parsed.arguments, state, visitorText, grounding, trace });
      const definition = parsed.action.definition;
      if (outcome.kind === 'needs-input') {
        pendingFieldRequest = outcome.fieldRequest ? { actionKey: definition.key, field: outcome.fieldRequest } : null;
        messages.push({ role: 'tool', toolCallId: call.id, content: outcome.toolResult });
        continue;
      }
      if (outcome.kind === 'confirm') {
        const summary = buildSummary(definition, outcome.values);
        state.pendingConfirmation = { actionKey: definition.key, values: outcome.values };
        context.emit({ type: 'confirmation-request', data: { actionKey: definition.key, title: definition.name, summary } });
        reply.paragraph(confirmationText(definition, summary));
        return finish('awaiting-confirmation');
      }
      const completed = context.complete(parsed.action, outcome.values);
      reply.paragraph(completed.reply);
      return finish('action-completed');
    }
    if (tooManyMisbehaviours(misbehaviours, context.limits)) return stopGracefully('model-misbehaved', { misbehaviours });
  }
}
