/**
 * Shapes shared by the launcher and the widget. The wire shapes (session, chat events) live in the
 * service's contract module (docs/protocol.md sections 2 and 4); the widget trusts nothing beyond
 * them and renders text, never HTML.
 */
import type { ChatEventOf, Citation, ConfirmationRequest } from '../../../server/src/contract/chat-events';

export type { ChatEvent, Citation, ConfirmationRequest, FieldOption, StreamError } from '../../../server/src/contract/chat-events';
export type { VisitorSession } from '../../../server/src/contract/chat-client';

/** The field the agent asks for, with the action it belongs to (the `field-request` event's data). */
export type FieldRequest = ChatEventOf<'field-request'>['data'];

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

/**
 * Read by the launcher from the configuration the plugin prints itself (window.affiliateAgentChatConfig,
 * one entry per block instance; never from post markup) and handed to the widget.
 */
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

/** One line of the transcript as the widget keeps it (in memory and in sessionStorage). */
export interface TranscriptEntry {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  citations?: Citation[];
  /** Interactive parts belong to the latest assistant message only; they are dropped once answered. */
  fieldRequest?: FieldRequest;
  confirmation?: ConfirmationCard;
}

/** The confirmation as the widget shows it: once confirmed or sent back for edits the card stays, without buttons. */
export interface ConfirmationCard extends ConfirmationRequest {
  isAnswered?: boolean;
}
