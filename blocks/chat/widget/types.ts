/**
 * Shapes shared by the launcher and the widget. The wire shapes mirror docs/protocol.md
 * (sections 2 and 4); the widget trusts nothing beyond them and renders text, never HTML.
 */

/** What the session route answers (WordPress `affiliate-agent/v1/session`, or the service's preview route). */
export interface VisitorSession {
  token: string;
  /** ISO date, or Unix seconds; a session is refreshed a little before it. */
  expiresAt: string | number;
  serviceUrl: string;
  agentId: string;
  /** Sent back when the token is renewed, so the visitor keeps access to their conversation. */
  visitorId?: string;
}

export type DisplayMode = 'inline' | 'floating';

export interface WidgetStrings {
  title: string;
  greeting: string;
  placeholder: string;
  send: string;
  open: string;
  close: string;
  typing: string;
  you: string;
  assistant: string;
  sources: string;
  confirm: string;
  edit: string;
  retry: string;
  error: string;
  /** When the service cannot be reached: never a bare "something went wrong". */
  unavailable: string;
  /** Label of the owner's contact link shown with `unavailable`. */
  contact: string;
  reconnecting: string;
  connecting: string;
}

/** Read by the launcher from the block's data attributes and handed to the widget. */
export interface WidgetConfig {
  agentId: string;
  sessionUrl: string;
  mode: DisplayMode;
  position: 'bottom-right' | 'bottom-left';
  /** The editor's greeting override; empty means the agent's own greeting from the service. */
  greeting: string;
  /** The agent's avatar image (http(s) only); empty shows the title's first letter. */
  avatarUrl?: string;
  /** The owner's contact page, offered when the chat is unavailable. */
  contactUrl?: string;
  strings: WidgetStrings;
}

export interface Citation {
  id: string;
  title: string;
  /** Null for sources without a page (an FAQ entry, an uploaded file). */
  url: string | null;
}

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldRequest {
  actionKey: string;
  field: { key: string; label: string; type: string; question?: string; options?: FieldOption[] };
}

export interface ConfirmationRequest {
  actionKey: string;
  title: string;
  summary: Array<{ key: string; label: string; value: string }>;
  /** Set by the widget once the visitor confirmed or chose to edit: the card stays, without buttons. */
  isAnswered?: boolean;
}

export interface StreamError {
  code: string;
  message: string;
  retryable: boolean;
}

/** One line of the transcript as the widget keeps it (in memory and in sessionStorage). */
export interface TranscriptEntry {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  citations?: Citation[];
  /** Interactive parts belong to the latest assistant message only; they are dropped once answered. */
  fieldRequest?: FieldRequest;
  confirmation?: ConfirmationRequest;
}

export type ChatEvent =
  | { type: 'message-start'; data: { messageId: string } }
  | { type: 'text-delta'; data: { delta: string } }
  | { type: 'citations'; data: { citations: Citation[] } }
  | { type: 'field-request'; data: FieldRequest }
  | { type: 'confirmation-request'; data: ConfirmationRequest }
  | { type: 'action-completed'; data: { actionKey: string; leadId: string; reply?: string } }
  | { type: 'error'; data: StreamError }
  | { type: 'message-end'; data: { messageId: string } };
