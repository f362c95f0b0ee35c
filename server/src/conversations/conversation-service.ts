import type { Agent } from '../agents/agent-types';
import { newId, nowIso } from '../core/ids';
import { AppError, ForbiddenError, NotFoundError } from '../core/errors';
import type { TurnEvent } from '../runtime/turn-events';
import type { TurnInput, TurnOrchestrator } from '../runtime/turn-orchestrator';
import { emptyConversationState, type ConversationMode, type ConversationSource } from '../runtime/turn-state';
import type { ConversationRepository } from './conversation-repository';
import type { Conversation } from './conversation-types';
import { createTurnLock } from './turn-lock';

/**
 * Conversations: starting one with the agent's greeting, answering a message, and the transcript.
 * The turn itself is the runtime's (runtime/turn-orchestrator.ts); this service decides when it
 * runs: one turn per conversation at a time, and a retried message (same clientMessageId) replays
 * the stored events instead of running again.
 */
export interface ConversationServiceDependencies {
  conversations: ConversationRepository;
  agents: { get(id: string): Agent };
  turns: Pick<TurnOrchestrator, 'answer'>;
}

export interface SendMessageInput extends TurnInput {
  conversationId: string;
}

export interface SendMessageResult {
  messageId: string;
  reply: string;
  events: TurnEvent[];
  replayed: boolean;
}

export function createConversationService(dependencies: ConversationServiceDependencies) {
  const { conversations } = dependencies;
  const lock = createTurnLock();

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
    return lock.run(conversation.id, async () => ({ ...(await dependencies.turns.answer(conversation, input)), replayed: false }));
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

export function publicConversation(conversation: Conversation) {
  return { id: conversation.id, agentId: conversation.agentId, createdAt: conversation.createdAt };
}

export type ConversationService = ReturnType<typeof createConversationService>;
