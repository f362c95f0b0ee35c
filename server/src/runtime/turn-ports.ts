import type { RunnableAction } from '../actions/action-service';
import type { Agent } from '../agents/agent-types';
import type { Engine } from '../usage/engine';
import type { TokenUsage } from './chat-model';
import type { Citation, TurnEvent } from './turn-events';
import type { ConversationState, HistoryMessage } from './turn-state';

/**
 * What the runtime needs from the rest of the service to run a turn, declared here and injected by
 * the container, so the runtime imports no storage or HTTP code: conversations/ implements the
 * store, the agent, action and usage services the lookups and the meter. (The lead writer is
 * `LeadSubmitter` in complete-action.ts, the knowledge port `KnowledgeRetriever` in knowledge-hits.ts.)
 */
export interface TurnMessageRecord {
  id: string;
  conversationId: string;
  role: HistoryMessage['role'];
  content: string;
  citations?: Citation[] | null;
  clientMessageId?: string | null;
  replyTo?: string | null;
  events?: TurnEvent[] | null;
  engine?: string | null;
  createdAt: string;
}

export interface TurnStore {
  /** The latest messages of a conversation, oldest first. */
  recentMessages(conversationId: string, limit: number): HistoryMessage[];
  /** Stores the visitor's message, the reply with its events, and the new state, in one transaction. */
  recordTurn(turn: { conversationId: string; user: TurnMessageRecord; assistant: TurnMessageRecord; state: ConversationState; updatedAt: string }): void;
}

export interface AgentLookup {
  get(id: string): Agent;
}

export interface ActionLookup {
  listPublished(agentId: string): RunnableAction[];
  listForPlayground(agentId: string): RunnableAction[];
}

export interface UsageMeter {
  capReached(agentId: string, monthlyCap: number | null): boolean;
  record(agentId: string, engine: Engine, tokens?: TokenUsage): void;
}
