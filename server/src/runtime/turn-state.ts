import { z } from 'zod';
import type { FieldValue } from '../actions/qualification';

/**
 * The state a turn reads and changes, owned by the runtime. conversations/ stores it as it is
 * (a JSON column) and adds what only storage needs (visitor, admin user, timestamps).
 */

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

export type ConversationMode = 'visitor' | 'playground';

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

/** The conversation a turn runs in, as far as the runtime needs to know it. */
export interface TurnConversation {
  id: string;
  agentId: string;
  mode: ConversationMode;
  source: ConversationSource;
  state: ConversationState;
}

/** An earlier message, as the prompt and the offline engine read it. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}
