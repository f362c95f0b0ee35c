import type { Citation, TurnEvent } from '../runtime/turn-events';
import type { TurnConversation } from '../runtime/turn-state';

/**
 * A stored conversation: the runtime's view of it (id, agent, mode, source, state; runtime/turn-state.ts)
 * plus who it belongs to and when it changed. The turn's state and events are the runtime's types.
 */
export interface Conversation extends TurnConversation {
  visitorId: string | null;
  adminUser: number | null;
  createdAt: string;
  updatedAt: string;
}

export type MessageRole = 'user' | 'assistant';

export interface ConversationMessage {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  citations: Citation[] | null;
  clientMessageId: string | null;
  replyTo: string | null;
  events: TurnEvent[] | null;
  engine: string | null;
  createdAt: string;
}
