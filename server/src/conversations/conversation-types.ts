import { z } from 'zod';
import type { ChatEvent, Citation } from '../contract/chat-events';
import type { FieldValue } from '../contract/qualification';

export type { Citation, Engine, FieldRequest, SummaryLine } from '../contract/chat-events';

/** Where the visitor was when the conversation started; stored as the lead's source. */
export const conversationSourceSchema = z
  .object({
    url: z.string().max(2000).optional(),
    referrer: z.string().max(2000).optional(),
    utm: z
      .object({
        source: z.string().max(200).optional(),
        medium: z.string().max(200).optional(),
        campaign: z.string().max(200).optional(),
        term: z.string().max(200).optional(),
        content: z.string().max(200).optional(),
      })
      .partial()
      .optional(),
  })
  .partial();
export type ConversationSource = z.infer<typeof conversationSourceSchema>;

/**
 * What the runtime remembers between turns. The model itself is stateless, so the draft values and
 * the pending confirmation live here rather than in the prompt history.
 */
export interface ActionDraft {
  actionKey: string;
  values: Record<string, FieldValue>;
}

export interface PendingConfirmation {
  actionKey: string;
  values: Record<string, FieldValue>;
}

export interface ConversationState {
  version: 1;
  draft: ActionDraft | null;
  pendingConfirmation: PendingConfirmation | null;
  /** Actions completed in this conversation: a repeated submit answers from here instead of making a second lead. */
  completed: Array<{ actionKey: string; leadId: string | null }>;
  /** The offline engine's own state machine, opaque to the rest of the runtime. */
  offline: unknown;
}

export function emptyConversationState(): ConversationState {
  return { version: 1, draft: null, pendingConfirmation: null, completed: [], offline: null };
}

export type ConversationMode = 'visitor' | 'playground';

export interface Conversation {
  id: string;
  agentId: string;
  mode: ConversationMode;
  visitorId: string | null;
  adminUser: number | null;
  source: ConversationSource;
  state: ConversationState;
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

/** The typed events of one turn, declared once in the contract module shared with the clients. */
export type TurnEvent = ChatEvent;
