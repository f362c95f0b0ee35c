import type { RunnableAction } from '../actions/action-service';
import { consentAgreement } from '../actions/consent-agreement';
import type { ConversationState } from './turn-state';
import { offlineTurn, initialOfflineState, replies, type OfflineEvent, type OfflineSessionState } from './offline';
import type { KnowledgeHit } from './knowledge-hits';
import type { OfflineEngine } from './turn-runner';
import type { ReplyWriter, TurnContext, TurnResult } from './turn-context';
import { sentencesOf } from '../core/sentences';

/**
 * Adapter between the runtime and the offline engine's state machine (runtime/offline/). The
 * runtime's draft and pending confirmation are the state both engines share, so a conversation can
 * move from the provider to the offline engine mid-application (and back) without losing values.
 */
const sameValues = (left: Record<string, unknown>, right: Record<string, unknown>) => JSON.stringify(left) === JSON.stringify(right);

function isOfflineState(value: unknown): value is OfflineSessionState {
  return !!value && typeof value === 'object' && (value as { schema?: unknown }).schema === 1;
}

/** The offline engine's state for this turn: its own when still in step with the shared draft, else rebuilt from it. */
export function offlineStateFor(state: ConversationState, actions: RunnableAction[]): OfflineSessionState {
  const own = isOfflineState(state.offline) ? state.offline : null;
  const submittedActionKeys = state.completed.map((entry) => entry.actionKey);
  const shared = state.pendingConfirmation ?? state.draft;
  if (!shared) return { ...(own && own.phase === 'idle' ? own : initialOfflineState()), submittedActionKeys };
  const action = actions.find((candidate) => candidate.definition.key === shared.actionKey);
  if (!action) return { ...initialOfflineState(), submittedActionKeys };
  if (own && own.action?.actionKey === shared.actionKey && sameValues(own.values, shared.values)) {
    const phaseAgrees = state.pendingConfirmation ? own.phase === 'confirming' : own.phase !== 'confirming';
    if (phaseAgrees) return { ...own, submittedActionKeys };
  }
  const values = Object.fromEntries(Object.entries(shared.values).filter(([, value]) => value !== null)) as OfflineSessionState['values'];
  const skipped = own?.action?.actionKey === shared.actionKey ? own.skipped : [];
  const next = action.definition.fields.find((field) => values[field.key] === undefined && !skipped.includes(field.key));
  return {
    schema: 1,
    phase: state.pendingConfirmation ? 'confirming' : 'collecting',
    action: { actionId: action.actionId, actionKey: action.definition.key, version: action.version },
    values,
    skipped,
    pendingFieldKey: state.pendingConfirmation ? null : next?.key ?? null,
    submittedActionKeys,
  };
}

/** Writes the offline engine's new state back into the shared draft and pending confirmation. */
function shareState(state: ConversationState, offline: OfflineSessionState): void {
  state.offline = offline;
  if (!offline.action || offline.phase === 'idle') {
    state.draft = null;
    state.pendingConfirmation = null;
  } else if (offline.phase === 'confirming') {
    state.draft = null;
    state.pendingConfirmation = { actionKey: offline.action.actionKey, values: { ...offline.values } };
  } else {
    state.pendingConfirmation = null;
    state.draft = { actionKey: offline.action.actionKey, values: { ...offline.values } };
  }
}

/** An extractive answer: the best passage's opening sentences, cited. */
export function extractiveAnswer(hit: KnowledgeHit, maxLength = 420): string {
  const text = hit.text.replace(/\s+/g, ' ').trim();
  let answer = '';
  for (const sentence of sentencesOf(text)) {
    if (answer && answer.length + sentence.length + 1 > maxLength) break;
    answer += answer ? ` ${sentence}` : sentence;
  }
  if (answer.length > maxLength) answer = `${answer.slice(0, maxLength).replace(/\s+\S*$/, '')}…`;
  return `${answer.trim()} [${hit.sourceId}]`;
}

export function createOfflineEngine(): OfflineEngine {
  return {
    run(context: TurnContext, reply: ReplyWriter): TurnResult {
      const state = context.conversation.state;
      const before = offlineStateFor(state, context.actions);
      const result = offlineTurn(before, context.userMessage, context.actions);
      shareState(state, result.state);
      const citations: TurnResult['citations'] = [];
      for (const event of result.events) handle(event);
      return { engine: 'offline', stopReason: 'offline', usage: { inputTokens: 0, outputTokens: 0 }, citations };

      function handle(event: OfflineEvent): void {
        switch (event.type) {
          case 'text':
            reply.paragraph(event.text);
            return;
          case 'field-request': {
            const { key, label, type, question, options, consentText } = event.field;
            context.emit({ type: 'field-request', data: { actionKey: event.actionKey, field: { key, label, type, question, ...(options ? { options } : {}), ...(consentText ? { consentText } : {}) } } });
            reply.paragraph(question);
            // The lead stores consentText as what was agreed to, so the visitor reads exactly that.
            if (consentText) reply.paragraph(consentAgreement(consentText));
            return;
          }
          case 'confirmation-request':
            context.emit({ type: 'confirmation-request', data: { actionKey: event.actionKey, title: event.title, summary: event.summary } });
            reply.paragraph(`${event.intro}\n${event.summary.map((line) => `- ${line.label}: ${line.value}`).join('\n')}\nReply "yes" to confirm or "edit" to change something.`);
            return;
          case 'submit': {
            const action = context.actions.find((candidate) => candidate.definition.key === event.actionKey);
            if (!action) return;
            const completed = context.complete(action, event.values);
            state.offline = { ...result.state, submittedActionKeys: state.completed.map((entry) => entry.actionKey) };
            reply.paragraph(completed.reply);
            return;
          }
          case 'cancelled':
            return;
          case 'question': {
            const top = context.knowledge[0];
            if (top) {
              reply.paragraph(extractiveAnswer(top));
              if (!citations.some((citation) => citation.id === top.sourceId)) citations.push({ id: top.sourceId, title: top.title, url: top.url });
            } else if (context.agent.strictDocs) reply.paragraph(replies.strictDecline(context.agent, context.actions.length > 0));
            else reply.paragraph(context.agent.fallbackMessage);
            return;
          }
        }
      }
    },
  };
}
