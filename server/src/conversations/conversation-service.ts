import type { RunnableAction } from '../actions/action-service';
import type { DeliverySettings } from '../connectors/delivery-settings';
import type { Agent } from '../contract/agent-types';
import { newId, nowIso } from '../core/ids';
import { AppError, ForbiddenError, NotFoundError } from '../core/errors';
import type { Logger } from '../logging/logger';
import type { ChatModel } from '../runtime/chat-model';
import { completeAction, type LeadSubmitter } from '../runtime/complete-action';
import { retrieveKnowledge, type KnowledgeRetriever } from '../runtime/knowledge-hits';
import { DEFAULT_TURN_LIMITS, type TurnLimits } from '../runtime/stop-conditions';
import { ReplyWriter, type TurnContext } from '../runtime/turn-context';
import { runTurn, type OfflineEngine } from '../runtime/turn-runner';
import type { UsageService } from '../usage/usage-service';
import type { ConversationRepository } from './conversation-repository';
import {
  emptyConversationState,
  type Conversation,
  type ConversationMode,
  type ConversationSource,
  type TurnEvent,
} from './conversation-types';
import { createTurnLock } from './turn-lock';

/**
 * Conversations: starting one with the agent's greeting, answering a message as a stream of typed
 * events, and the transcript. Each turn is stored with its events once it has finished, together
 * with the new runtime state, so a retried message (same clientMessageId) replays instead of re-running.
 */
export interface ConversationServiceDependencies {
  conversations: ConversationRepository;
  agents: { get(id: string): Agent };
  actions: { listPublished(agentId: string): RunnableAction[]; listForPlayground(agentId: string): RunnableAction[] };
  leads: LeadSubmitter;
  /** Where steps would go (recipients, AffiliateWP transport), for the playground's dry run. */
  deliverySettings: () => DeliverySettings;
  usage: UsageService;
  /** Optional: the knowledge service, when it is part of this build. */
  knowledge: () => KnowledgeRetriever | undefined;
  /** The configured provider, or null without an API key. */
  model: () => ChatModel | null;
  offline: OfflineEngine;
  logger: Logger;
  limits?: TurnLimits;
}

export interface SendMessageInput {
  conversationId: string;
  content: string;
  clientMessageId?: string;
  emit: (event: TurnEvent) => void;
}

export interface SendMessageResult {
  messageId: string;
  reply: string;
  events: TurnEvent[];
  replayed: boolean;
}

export function createConversationService(dependencies: ConversationServiceDependencies) {
  const { conversations, logger } = dependencies;
  const lock = createTurnLock();
  const limits = dependencies.limits ?? DEFAULT_TURN_LIMITS;

  function get(id: string): Conversation {
    const conversation = conversations.findById(id);
    if (!conversation) throw new NotFoundError('Conversation', id);
    return conversation;
  }

  function transcriptOf(conversationId: string) {
    return conversations.messages(conversationId).map((message) => ({
      id: message.id,
      role: message.role,
      content: message.content,
      ...(message.citations?.length ? { citations: message.citations } : {}),
      createdAt: message.createdAt,
    }));
  }

  function start(input: { agentId: string; mode: ConversationMode; visitorId?: string | null; adminUser?: number | null; source?: ConversationSource }) {
    const agent = dependencies.agents.get(input.agentId);
    if (!agent.enabled && input.mode === 'visitor') {
      throw new AppError('This chat agent is switched off.', { status: 409, code: 'agent_disabled' });
    }
    const now = nowIso();
    const conversation: Conversation = {
      id: newId('cnv'),
      agentId: agent.id,
      mode: input.mode,
      visitorId: input.visitorId ?? null,
      adminUser: input.adminUser ?? null,
      source: input.source ?? {},
      state: emptyConversationState(),
      createdAt: now,
      updatedAt: now,
    };
    conversations.insert(conversation, {
      id: newId('msg'),
      conversationId: conversation.id,
      role: 'assistant',
      content: agent.greeting,
      engine: 'greeting',
      createdAt: now,
    });
    return { conversation, messages: [{ role: 'assistant' as const, content: agent.greeting }] };
  }

  async function sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    const conversation = get(input.conversationId);
    if (input.clientMessageId) {
      const earlier = conversations.findByClientMessageId(conversation.id, input.clientMessageId);
      const answer = earlier && conversations.findReply(earlier.id);
      if (answer) {
        for (const event of answer.events ?? []) input.emit(event);
        return { messageId: answer.id, reply: answer.content, events: answer.events ?? [], replayed: true };
      }
    }
    return lock.run(conversation.id, () => answer(conversation, input));
  }

  async function answer(conversation: Conversation, input: SendMessageInput): Promise<SendMessageResult> {
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

    const knowledge = await retrieveKnowledge(
      dependencies.knowledge(),
      { knowledgeSetIds: agent.knowledgeSetIds, query: input.content, limit: 5 },
      (error) => logger.warn('knowledge retrieval failed; answering without sources', { conversationId: conversation.id, error: String(error) }),
    );
    if (knowledge.length) {
      emit({ type: 'trace', data: { kind: 'retrieval', query: input.content, hits: knowledge.map((hit) => ({ id: hit.sourceId, title: hit.title, url: hit.url, score: hit.score, text: hit.text })) } });
    }

    const working: Conversation = { ...conversation, state: structuredClone(conversation.state) };
    const history = conversations.recentMessages(conversation.id, 40);
    const reply = new ReplyWriter(emit);
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
      complete(action, values) {
        const completed = completeAction({
          conversation: working,
          action,
          values,
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
      },
    };

    const capReached = dependencies.usage.capReached(agent.id, agent.monthlyCap);
    const model = capReached ? null : dependencies.model();
    let result;
    try {
      result = await runTurn(context, reply, { model, offlineReason: model ? null : capReached ? 'monthly-cap' : 'no-api-key' }, dependencies.offline);
    } catch (error) {
      // Nothing is stored, so the widget may retry the same clientMessageId.
      logger.error('turn failed', { conversationId: conversation.id, error: String(error instanceof Error ? error.stack : error) });
      emit({ type: 'error', data: { code: 'turn_failed', message: 'Sorry, something went wrong while answering. Please try again.', retryable: true } });
      emit({ type: 'message-end', data: { messageId, usage: { engine: model ? 'provider' : 'offline' } } });
      return { messageId, reply: reply.text, events, replayed: false };
    }
    if (result.citations.length) emit({ type: 'citations', data: { citations: result.citations } });
    emit({ type: 'message-end', data: { messageId, usage: { engine: result.engine } } });

    const now = nowIso();
    const userMessageId = newId('msg');
    conversations.recordTurn({
      conversationId: conversation.id,
      user: { id: userMessageId, conversationId: conversation.id, role: 'user', content: input.content, clientMessageId: input.clientMessageId ?? null, createdAt: now },
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
    return { messageId, reply: reply.text, events, replayed: false };
  }

  return {
    start,
    get,
    sendMessage,
    /** Messages of a conversation for its visitor or an admin (webhooks, lead page). */
    transcript(conversationId: string) {
      const conversation = get(conversationId);
      return { conversation: publicConversation(conversation), messages: transcriptOf(conversationId) };
    },
    /** A visitor may only touch conversations their token started. */
    assertVisitorOwns(conversation: Conversation, token: { agent: string; visitor: string }): void {
      if (conversation.mode !== 'visitor' || conversation.agentId !== token.agent || conversation.visitorId !== token.visitor) {
        throw new ForbiddenError('This conversation belongs to another visitor.', 'conversation_forbidden');
      }
    },
  };
}

/** Consecutive text deltas stored as one: a replayed turn shows the same text in fewer events. */
export function compactEvents(events: TurnEvent[]): TurnEvent[] {
  const compact: TurnEvent[] = [];
  for (const event of events) {
    const previous = compact[compact.length - 1];
    if (event.type === 'text-delta' && previous?.type === 'text-delta') {
      compact[compact.length - 1] = { type: 'text-delta', data: { delta: previous.data.delta + event.data.delta } };
    } else compact.push(event);
  }
  return compact;
}

export function publicConversation(conversation: Conversation) {
  return { id: conversation.id, agentId: conversation.agentId, createdAt: conversation.createdAt };
}

export type ConversationService = ReturnType<typeof createConversationService>;
