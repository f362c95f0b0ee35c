import { ChatHttpError, StreamDroppedError, type ChatClient } from './chat-client';
import type { ConversationStore, StoredConversation } from './conversation-store';
import { readPageSource } from './page-source';
import type { ChatEvent, TranscriptEntry, VisitorSession, WidgetConfig } from './types';
import type { WidgetView } from './view';

export interface ControllerOptions {
  config: WidgetConfig;
  client: ChatClient;
  store: ConversationStore;
  view: WidgetView;
  /** A session request the launcher already started at first click, so the two round trips overlap. */
  sessionPromise?: Promise<VisitorSession> | null;
  /** Waits before automatic resends after a dropped stream; the visitor can always retry by hand after these. */
  reconnectDelaysMs?: number[];
  now?: () => number;
}

const SESSION_MARGIN_MS = 60_000;

function expiresAtMs(session: VisitorSession): number {
  const value = session.expiresAt;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? 0 : parsed;
}

function newClientMessageId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `cm_${random}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The widget's behaviour: session and conversation lifecycle, sending a turn, applying the
 * streamed events to the transcript, and recovering from drops without losing the visitor's text.
 */
export function createChatController({ config, client, store, view, sessionPromise, reconnectDelaysMs = [800, 2500], now = Date.now }: ControllerOptions) {
  const { strings } = config;
  const state: StoredConversation = store.load();
  let isBusy = false;
  let starting: Promise<void> | null = null;

  const save = () => store.save(state);

  async function session(forceNew = false): Promise<VisitorSession> {
    if (!forceNew && state.session && expiresAtMs(state.session) - SESSION_MARGIN_MS > now()) return state.session;
    const pending = !forceNew && sessionPromise ? sessionPromise : client.fetchSession(config.sessionUrl, config.agentId, state.session?.visitorId);
    sessionPromise = null;
    state.session = await pending;
    save();
    return state.session;
  }

  async function startConversation(): Promise<void> {
    // The greeting shows at once, from data already in the page (render.php prints the block's or
    // the agent's greeting); token and conversation follow in the background. Only when the page
    // had none does the service's own greeting replace the default.
    let greetingEntry: TranscriptEntry | null = null;
    if (state.transcript.length === 0) {
      greetingEntry = { id: 'greeting', role: 'assistant', content: config.greeting || strings.greeting };
      state.transcript.push(greetingEntry);
      view.renderEntry(greetingEntry);
    }
    const current = await session();
    const { conversationId, greeting } = await client.startConversation(current, readPageSource(window.location, document.referrer));
    state.conversationId = conversationId;
    if (greetingEntry && !config.greeting && greeting && greeting !== greetingEntry.content) {
      greetingEntry.content = greeting;
      view.renderEntry(greetingEntry);
    }
    save();
  }

  /**
   * What the visitor reads when something fails. A service that is down, unreachable or refusing
   * this agent (5xx, network error, a disabled agent's 409) is "not available right now" with the
   * owner's contact link, so the visitor still has a way to reach the team.
   */
  function describe(error: unknown): { message: string; isRetryable: boolean; contactUrl?: string } {
    if (error instanceof ChatHttpError) {
      // 4xx other than rate limits will not get better by retrying the same request.
      const isRetryable = error.status >= 500 || error.status === 429 || error.status === 408;
      if (error.status === 429) return { message: error.message, isRetryable };
      if (error.status >= 500 || error.status === 409 || error.code === 'agent_disabled') return { message: strings.unavailable, isRetryable, contactUrl: config.contactUrl };
      return { message: strings.error, isRetryable };
    }
    return { message: strings.unavailable, isRetryable: true, contactUrl: config.contactUrl };
  }

  /** Makes sure a conversation exists; shows a retryable error instead of throwing. */
  function ensureConversation(): Promise<void> {
    if (state.conversationId) return Promise.resolve();
    if (!starting) {
      view.setStatus(strings.connecting);
      starting = startConversation()
        .catch((error: unknown) => {
          const { message, isRetryable, contactUrl } = describe(error);
          view.showError(message, isRetryable, contactUrl);
          throw error;
        })
        .finally(() => {
          view.setStatus(null);
          starting = null;
        });
    }
    return starting;
  }

  function clearInteractiveParts(): void {
    for (const entry of state.transcript) {
      if ((entry.confirmation && !entry.confirmation.isAnswered) || entry.fieldRequest) {
        // An answered card stays as a plain summary of what was confirmed (no buttons); the
        // text's own copy of it ("- Email: …", "Reply yes to confirm") must not come back.
        if (entry.confirmation) entry.confirmation = { ...entry.confirmation, isAnswered: true };
        delete entry.fieldRequest;
        view.renderEntry(entry);
      }
    }
  }

  async function streamTurn(pending: { content: string; clientMessageId: string }): Promise<'done' | 'failed'> {
    let reply: TranscriptEntry | null = null;
    let sawError = false;
    // action-completed may come before or instead of the text; its reply is used only if no text came.
    let completedReply = '';
    const apply = (event: ChatEvent) => {
      if (event.type === 'error') {
        sawError = true;
        view.setTyping(false);
        view.showError(event.data.message || strings.error, event.data.retryable === true);
        if (!event.data.retryable) state.pending = undefined;
        return;
      }
      if (event.type === 'message-start') {
        // A resend after a drop starts the reply over; the half-streamed text is replaced, not duplicated.
        if (reply) view.removeEntry(reply.id);
        completedReply = '';
        reply = { id: String(event.data.messageId || pending.clientMessageId), role: 'assistant', content: '' };
        return;
      }
      if (!reply) reply = { id: `reply-${pending.clientMessageId}`, role: 'assistant', content: '' };
      if (event.type === 'text-delta') {
        reply.content += String(event.data.delta ?? '');
        view.setTyping(false);
        view.renderEntry(reply, true);
      } else if (event.type === 'citations') {
        reply.citations = Array.isArray(event.data.citations) ? event.data.citations : [];
      } else if (event.type === 'field-request') {
        reply.fieldRequest = event.data;
      } else if (event.type === 'confirmation-request') {
        reply.confirmation = event.data;
      } else if (event.type === 'action-completed') {
        completedReply = String(event.data.reply ?? '');
      } else if (event.type === 'message-end') {
        view.setTyping(false);
        if (!reply.content) reply.content = completedReply;
        if (reply.content || reply.confirmation || reply.fieldRequest) {
          state.transcript.push(reply);
          view.renderEntry(reply);
        }
        if (!sawError) state.pending = undefined;
        save();
      }
    };

    for (let attempt = 0; ; attempt++) {
      try {
        const current = await session();
        await client.sendMessage(current, state.conversationId!, pending, apply);
        view.setStatus(null);
        return sawError ? 'failed' : 'done';
      } catch (error) {
        if (error instanceof StreamDroppedError && attempt < reconnectDelaysMs.length) {
          view.setStatus(strings.reconnecting);
          await sleep(reconnectDelaysMs[attempt]);
          continue;
        }
        if (error instanceof ChatHttpError && error.status === 401 && attempt === 0) {
          await session(true);
          continue;
        }
        if (error instanceof ChatHttpError && (error.status === 403 || error.status === 404) && attempt === 0) {
          // The conversation is gone or belongs to an older token: start a new one and resend.
          state.conversationId = undefined;
          await ensureConversation();
          continue;
        }
        view.setStatus(null);
        view.setTyping(false);
        if (reply) view.removeEntry((reply as TranscriptEntry).id);
        const { message, isRetryable, contactUrl } = describe(error);
        view.showError(message, isRetryable, contactUrl);
        if (!isRetryable) state.pending = undefined;
        save();
        return 'failed';
      }
    }
  }

  /** Sends (or resends) the pending turn. The visitor's message stays in storage until answered. */
  async function deliver(): Promise<void> {
    const pending = state.pending;
    if (!pending || isBusy) return;
    isBusy = true;
    view.setBusy(true);
    view.clearError();
    view.setTyping(true);
    try {
      await ensureConversation();
      await streamTurn(pending);
    } catch {
      view.setTyping(false);
    } finally {
      isBusy = false;
      view.setBusy(false);
    }
  }

  return {
    state,
    /** Draws what sessionStorage remembers and resumes a message that was in flight during navigation. */
    restore(): void {
      for (const entry of state.transcript) view.renderEntry(entry);
      view.scrollToEnd();
      if (state.pending) void deliver();
    },
    ensureConversation: () => ensureConversation().catch(() => undefined),
    async send(text: string): Promise<void> {
      const content = text.trim().slice(0, 2000);
      if (!content || isBusy) return;
      clearInteractiveParts();
      const clientMessageId = newClientMessageId();
      const entry: TranscriptEntry = { id: clientMessageId, role: 'user', content };
      state.transcript.push(entry);
      state.pending = { content, clientMessageId };
      save();
      view.renderEntry(entry);
      await deliver();
    },
    async retry(): Promise<void> {
      if (state.pending) await deliver();
      else await ensureConversation().catch(() => undefined);
    },
    setOpen(isOpen: boolean): void {
      state.isOpen = isOpen;
      save();
    },
  };
}
export type ChatController = ReturnType<typeof createChatController>;
