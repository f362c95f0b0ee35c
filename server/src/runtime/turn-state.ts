import { z } from 'zod';
import type { FieldValue } from '../actions/field-values';
import { safeHttpUrl } from '../contract/safe-url';

/**
 * The state a turn reads and changes, owned by the runtime. conversations/ stores it as it is
 * (a JSON column) and adds what only storage needs (visitor, admin user, timestamps).
 */

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
/** `clientKey` is set by the service at the start (a keyed hash of the visitor's IP), never by the visitor. */
export type ConversationSource = z.infer<typeof conversationSourceSchema> & { clientKey?: string };

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
  /** The field the model path asked for last, so the visitor's next reply can be read as its answer. */
  askedField?: { actionKey: string; fieldKey: string } | null;
  /**
   * Email verification in the chat (email-verification-turn.ts): the address a code was sent to (the
   * code itself lives hashed in the service's table, never here) and, once the visitor confirmed,
   * the values held until the code is typed.
   */
  verification?: VerificationState | null;
}

export interface VerificationState {
  actionKey: string;
  email: string;
  held: { actionKey: string; values: Record<string, FieldValue> } | null;
}

export function emptyConversationState(): ConversationState {
  return { version: 1, draft: null, pendingConfirmation: null, completed: [], offline: null };
}

/** The conversation a turn runs in, as far as the runtime needs to know it. */
export interface TurnConversation {
  id: string;
  agentId: string;
  mode: ConversationMode;
  /** The visitor token's id (null in the playground); lets trust checks count one client's applications. */
  visitorId?: string | null;
  source: ConversationSource;
  state: ConversationState;
  /** The logged-in WordPress user the plugin signed into this turn's visitor token, if any. */
  wordpressUser?: { id: number; email: string } | null;
}

/** An earlier message, as the prompt and the offline engine read it. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}
