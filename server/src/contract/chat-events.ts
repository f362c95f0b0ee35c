/**
 * The typed events of one chat turn (docs/protocol.md, section 4), declared once for the service
 * that emits them and for the widget and the admin playground that read them. SSE and JSON mode
 * carry the same list. Types only: nothing here reaches a bundle.
 */

/** A knowledge source an answer used; `url` is null for sources without a page (FAQ entries, uploads). */
export interface Citation {
  id: string;
  title: string;
  url: string | null;
}

export interface FieldOption {
  value: string;
  label: string;
}

/** The field the agent asks the visitor for next; `options` when the field is a choice. */
export interface FieldRequest {
  key: string;
  label: string;
  type: string;
  question: string;
  options?: FieldOption[];
  /** A consent field's exact text: what the visitor agrees to, shown in the chat and stored on the lead. */
  consentText?: string;
}

export interface SummaryLine {
  key: string;
  label: string;
  value: string;
}

export interface ConfirmationRequest {
  actionKey: string;
  title: string;
  summary: SummaryLine[];
}

export interface StreamError {
  code: string;
  message: string;
  retryable: boolean;
}

export type Engine = 'provider' | 'offline';

export type TraceKind = 'retrieval' | 'tool-call' | 'validation' | 'score' | 'would-send' | 'engine' | 'asked-field-answer' | 'verification-code' | 'verification';

export type ChatEvent =
  | { type: 'message-start'; data: { messageId: string } }
  | { type: 'text-delta'; data: { delta: string } }
  | { type: 'citations'; data: { citations: Citation[] } }
  | { type: 'field-request'; data: { actionKey: string; field: FieldRequest } }
  | { type: 'confirmation-request'; data: ConfirmationRequest }
  | { type: 'action-completed'; data: { actionKey: string; leadId: string | null; reply: string; dryRun?: boolean } }
  | { type: 'error'; data: StreamError }
  /** Playground only: what the runtime did (retrieval, tool calls, validation, score, dry-run sends). */
  | { type: 'trace'; data: { kind: TraceKind; [key: string]: unknown } }
  | { type: 'message-end'; data: { messageId: string; usage: { engine: Engine } } };

export type ChatEventType = ChatEvent['type'];
export type ChatEventOf<T extends ChatEventType> = Extract<ChatEvent, { type: T }>;
