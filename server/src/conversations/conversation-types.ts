import { z } from 'zod';
import type { FieldValue } from '../leads/qualification';
import { safeHttpUrl } from '../contract/safe-url';

/**
 * A URL the visitor's browser reports (page, referrer). It is dropped, not refused, when it is not an
 * absolute http(s) URL: the widget sends it on its own (about:blank, file:// pages, stripped referrers),
 * and a visitor's chat must not fail over it. Dropped means it never reaches a lead, email or CSV.
 */
const visitorUrl = z
  .unknown()
  .transform((value) => safeHttpUrl(value) ?? undefined)
  .optional();

/** Where the visitor was when the conversation started; stored as the lead's source. */
export const conversationSourceSchema = z
  .object({
    url: visitorUrl,
    referrer: visitorUrl,
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

export interface Citation {
  id: string;
  title: string;
  url: string | null;
}

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

/** The typed events of one turn (docs/protocol.md, section 4); SSE and JSON mode carry the same list. */
export type TurnEvent =
  | { type: 'message-start'; data: { messageId: string } }
  | { type: 'text-delta'; data: { delta: string } }
  | { type: 'citations'; data: { citations: Citation[] } }
  | { type: 'field-request'; data: { actionKey: string; field: FieldRequest } }
  | { type: 'confirmation-request'; data: { actionKey: string; title: string; summary: SummaryLine[] } }
  | { type: 'action-completed'; data: { actionKey: string; leadId: string | null; reply: string; dryRun?: boolean } }
  | { type: 'error'; data: { code: string; message: string; retryable: boolean } }
  | { type: 'trace'; data: { kind: 'retrieval' | 'tool-call' | 'validation' | 'score' | 'would-send' | 'engine'; [key: string]: unknown } }
  | { type: 'message-end'; data: { messageId: string; usage: { engine: Engine } } };

export type Engine = 'provider' | 'offline';

export interface FieldRequest {
  key: string;
  label: string;
  type: string;
  question: string;
  options?: Array<{ value: string; label: string }>;
}

export interface SummaryLine {
  key: string;
  label: string;
  value: string;
}
