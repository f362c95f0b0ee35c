import type { DeliverySettings } from '../connectors/delivery-settings';
import { newId, nowIso } from '../core/ids';
import type { Logger } from '../logging/logger';
import type { ChatModel } from './chat-model';
import { completeAction, type CompletedAction, type LeadSubmitter } from './complete-action';
import { answerVerification, CODE_PLACEHOLDER, gateCompletion, startVerificationIfCollected, type EmailProof, type EmailVerifier } from './email-verification-turn';
import { retrieveKnowledge, type KnowledgeHit, type KnowledgeRetriever } from './knowledge-hits';
import { PROGRAM_TERMS_TITLE, type ProgramTerms } from '../contract/program-terms';
import { programTermsAnswer } from './program-terms-answer';
import { DEFAULT_TURN_LIMITS, type TurnLimits } from './stop-conditions';
import { ReplyWriter, type TurnContext } from './turn-context';
import { compactEvents, type TurnEvent } from './turn-events';
import type { ActionLookup, AgentLookup, TurnStore, UsageMeter } from './turn-ports';
import { runTurn, type OfflineEngine } from './turn-runner';
import type { TurnConversation } from './turn-state';
import type { RunnableAction } from '../actions/action-service';
import type { FieldValue } from '../actions/field-values';

/**
 * One turn from the visitor's message to the stored reply: knowledge retrieval, the engine (provider
 * or offline, with fallback), completing a confirmed action (a lead, or the playground's dry run),
 * the typed events, then storing the turn and metering it. Everything outside the runtime comes in
 * through the ports of turn-ports.ts; conversations/ decides when a turn runs (lock, replay).
 */
export interface TurnOrchestratorDependencies {
  store: TurnStore;
  agents: AgentLookup;
  actions: ActionLookup;
  leads: LeadSubmitter;
  /** Where steps would go (recipients, AffiliateWP transport), for the playground's dry run. */
  deliverySettings: () => DeliverySettings;
  usage: UsageMeter;
  /** Optional: the knowledge service, when it is part of this build. */
  knowledge: () => KnowledgeRetriever | undefined;
  /** The configured provider, or null without an API key. */
  model: () => ChatModel | null;
  offline: OfflineEngine;
  logger: Logger;
  limits?: TurnLimits;
  /** The program's terms as facts (Settings → Program terms), or null when the owner has entered none. */
  programTerms?: () => ProgramTerms | null;
  /** Email verification in the chat (actions with verifyEmail); without it every lead is unverified. */
  verification?: EmailVerifier;
}

/** The fact that answers the question goes first, as the "Program terms" source both engines cite. */
function withProgramTerms(fact: { topic: string; text: string }, hits: KnowledgeHit[]): KnowledgeHit[] {
  const programFact = fact.topic === 'never-promise' ? 'never-promise' : 'figures';
  return [{ sourceId: 'S1', title: PROGRAM_TERMS_TITLE, url: null, text: fact.text, score: null, programFact }, ...hits.map((hit, index) => ({ ...hit, sourceId: `S${index + 2}` }))];
}

export interface TurnInput {
  content: string;
  clientMessageId?: string;
  emit: (event: TurnEvent) => void;
  /** The logged-in WordPress user signed into the visitor token (id and account email), if any. */
  wordpressUser?: { id: number; email: string } | null;
}

export interface TurnOutcome {
  messageId: string;
  reply: string;
  events: TurnEvent[];
}

/** The site's own origins: the agent's allowed origins (an owner's list), its contact page, the WordPress site. */
function linkOriginsOf(agent: { allowedOrigins?: string[]; contactUrl?: string | null }, settings: DeliverySettings): string[] {
  const origins: string[] = [];
  for (const candidate of [...(agent.allowedOrigins ?? []), agent.contactUrl, settings.wordpress?.siteUrl]) {
    try {
      if (candidate) origins.push(new URL(candidate).origin);
    } catch {
      // not a URL: nothing to allow
    }
  }
  return origins;
}

export function createTurnOrchestrator(dependencies: TurnOrchestratorDependencies) {
  const { store, logger } = dependencies;
  const limits = dependencies.limits ?? DEFAULT_TURN_LIMITS;

  async function answer(conversation: TurnConversation, input: TurnInput): Promise<TurnOutcome> {
    const agent = dependencies.agents.get(conversation.agentId);
    const playground = conversation.mode === 'playground';
    const actions = playground ? dependencies.actions.listForPlayground(agent.id) : dependencies.actions.listPublished(agent.id);
    const events: TurnEvent[] = [];
    const emit = (event: TurnEvent) => {
      // Traces are for the playground; visitors never see the runtime's reasoning.
      if (event.type === 'trace' && !playground) return;
      events.push(event);
      input.emit(event);
    };
    const messageId = newId('msg');
    emit({ type: 'message-start', data: { messageId } });

    const retrieved = await retrieveKnowledge(
      dependencies.knowledge(),
      { knowledgeSetIds: agent.knowledgeSetIds, query: input.content, limit: 5 },
      (error) => logger.warn('knowledge retrieval failed; answering without sources', { conversationId: conversation.id, error: String(error) }),
    );
    const fact = programTermsAnswer(input.content, dependencies.programTerms?.() ?? null);
    const knowledge = fact ? withProgramTerms(fact, retrieved) : retrieved;
    if (knowledge.length) {
      emit({ type: 'trace', data: { kind: 'retrieval', query: input.content, hits: knowledge.map((hit) => ({ id: hit.sourceId, title: hit.title, url: hit.url, score: hit.score, text: hit.text })) } });
    }

    const working: TurnConversation = { ...conversation, wordpressUser: input.wordpressUser ?? null, state: structuredClone(conversation.state) };
    const verifier = dependencies.verification;
    const history = store.recentMessages(conversation.id, 40);
    const reply = new ReplyWriter(emit);
    const completeWithProof = (action: RunnableAction, values: Record<string, FieldValue>, proof: EmailProof): CompletedAction => {
      const completed = completeAction({
        conversation: working,
        action,
        values,
        emailVerification: proof,
        leads: dependencies.leads,
        deliverySettings: dependencies.deliverySettings,
        transcript: () => [...history.map((message) => ({ role: message.role, content: message.content })), { role: 'user', content: input.content }],
      });
      for (const event of completed.trace) emit(event);
      const state = working.state;
      state.draft = null;
      state.pendingConfirmation = null;
      if (!state.completed.some((entry) => entry.actionKey === action.definition.key)) {
        state.completed.push({ actionKey: action.definition.key, leadId: completed.leadId });
      }
      emit({
        type: 'action-completed',
        data: { actionKey: action.definition.key, leadId: completed.leadId, reply: completed.reply, ...(playground ? { dryRun: true } : {}) },
      });
      return completed;
    };
    const context: TurnContext = {
      agent,
      conversation: working,
      actions,
      history,
      userMessage: input.content,
      knowledge,
      limits,
      logger,
      emit,
      linkOrigins: linkOriginsOf(agent, dependencies.deliverySettings()),
      complete(action, values) {
        // An action with email verification waits for the code before any lead exists.
        const gate = gateCompletion(working, action, values, verifier);
        if (!gate.proceed) return gate.completed;
        return completeWithProof(action, values, gate.proof);
      },
    };

    const capReached = dependencies.usage.capReached(agent.id, agent.monthlyCap);
    const model = capReached ? null : dependencies.model();
    let result;
    let storedContent = input.content;
    try {
      // A code, "resend" or "skip" for a held action is answered here, whichever engine is in use.
      const verificationAnswer = verifier ? await answerVerification(context, verifier, reply, completeWithProof) : false;
      // A typed code is never stored: the transcript (lead page, webhooks, export) keeps a placeholder.
      if (verificationAnswer === 'code') storedContent = CODE_PLACEHOLDER;
      if (verificationAnswer) {
        result = { engine: 'offline' as const, stopReason: 'answered' as const, usage: { inputTokens: 0, outputTokens: 0 }, citations: [] };
      } else {
        result = await runTurn(context, reply, { model, offlineReason: model ? null : capReached ? 'monthly-cap' : 'no-api-key' }, dependencies.offline);
        if (verifier) await startVerificationIfCollected(context, verifier, reply, completeWithProof);
      }
    } catch (error) {
      // Nothing is stored, so the widget may retry the same clientMessageId.
      logger.error('turn failed', { conversationId: conversation.id, error: String(error instanceof Error ? error.stack : error) });
      emit({ type: 'error', data: { code: 'turn_failed', message: 'Sorry, something went wrong while answering. Please try again.', retryable: true } });
      emit({ type: 'message-end', data: { messageId, usage: { engine: model ? 'provider' : 'offline' } } });
      return { messageId, reply: reply.text, events };
    }
    if (result.citations.length) emit({ type: 'citations', data: { citations: result.citations } });
    emit({ type: 'message-end', data: { messageId, usage: { engine: result.engine } } });

    const now = nowIso();
    const userMessageId = newId('msg');
    store.recordTurn({
      conversationId: conversation.id,
      user: { id: userMessageId, conversationId: conversation.id, role: 'user', content: storedContent, clientMessageId: input.clientMessageId ?? null, createdAt: now },
      assistant: {
        id: messageId,
        conversationId: conversation.id,
        role: 'assistant',
        content: reply.text,
        replyTo: userMessageId,
        citations: result.citations.length ? result.citations : null,
        events: compactEvents(events),
        engine: result.engine,
        createdAt: now,
      },
      state: working.state,
      updatedAt: now,
    });
    dependencies.usage.record(agent.id, result.engine, result.usage);
    return { messageId, reply: reply.text, events };
  }

  return { answer };
}
export type TurnOrchestrator = ReturnType<typeof createTurnOrchestrator>;
