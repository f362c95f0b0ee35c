import { createSseParser } from './sse-parser';
import type { ChatEvent, VisitorSession } from './types';

/**
 * The widget's only network code: the session route (WordPress, or the service's preview page)
 * and the visitor chat API of docs/protocol.md section 4, called on the service directly.
 */
export class ChatHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The answer stream ended before `message-end`: the network dropped, the turn may be resent. */
export class StreamDroppedError extends Error {
  constructor(message = 'The answer stream ended early.') {
    super(message);
    this.name = new.target.name;
  }
}

export interface PageSource {
  url?: string;
  referrer?: string;
  utm?: Record<string, string>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function errorFrom(response: Response): Promise<ChatHttpError> {
  const body = parseJson(await response.text().catch(() => '')) as
    | { error?: { code?: string; message?: string }; code?: string; message?: string }
    | undefined;
  // The service answers { error: { code, message } }; WordPress's WP_Error answers { code, message }.
  const code = body?.error?.code ?? body?.code ?? `http_${response.status}`;
  const message = body?.error?.message ?? body?.message ?? `HTTP ${response.status}`;
  return new ChatHttpError(String(message), response.status, String(code));
}

function toEvent(type: string, data: unknown): ChatEvent | null {
  if (!data || typeof data !== 'object') return null;
  return { type, data } as ChatEvent;
}

/**
 * The service writes `: ping` every 15 s, so a stream silent for this long is dead even if the
 * connection looks open (a proxy or a sleeping phone): it is aborted and treated as a drop.
 */
export const STREAM_IDLE_TIMEOUT_MS = 45_000;

export function createChatClient(fetchImpl: FetchLike, { idleTimeoutMs = STREAM_IDLE_TIMEOUT_MS }: { idleTimeoutMs?: number } = {}) {
  function serviceUrl(session: VisitorSession, path: string): string {
    return session.serviceUrl.replace(/\/+$/, '') + path;
  }

  async function postJson(session: VisitorSession, path: string, body: unknown, accept: string, signal?: AbortSignal) {
    const response = await fetchImpl(serviceUrl(session, path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: accept, Authorization: `Bearer ${session.token}` },
      body: JSON.stringify(body),
      signal,
    });
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  return {
    /** Asks the site for a short-lived visitor token; called at first interaction, never at page load. */
    async fetchSession(sessionUrl: string, agentId: string, visitorId?: string): Promise<VisitorSession> {
      const response = await fetchImpl(sessionUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(visitorId ? { agentId, visitorId } : { agentId }),
        credentials: 'same-origin',
      });
      if (!response.ok) throw await errorFrom(response);
      const session = (await response.json()) as VisitorSession;
      if (!session || typeof session.token !== 'string' || typeof session.serviceUrl !== 'string') {
        throw new ChatHttpError('The session answer has no token.', 502, 'session_invalid');
      }
      return session;
    },

    async startConversation(session: VisitorSession, page: PageSource): Promise<{ conversationId: string; greeting: string }> {
      const response = await postJson(session, `/v1/agents/${encodeURIComponent(session.agentId)}/conversations`, { page }, 'application/json');
      const body = (await response.json()) as { conversation?: { id?: string }; messages?: Array<{ role?: string; content?: string }> };
      const conversationId = body?.conversation?.id;
      if (typeof conversationId !== 'string') throw new ChatHttpError('The conversation answer has no id.', 502, 'conversation_invalid');
      const greeting = body.messages?.find((message) => message.role === 'assistant')?.content ?? '';
      return { conversationId, greeting };
    },

    /**
     * Sends one visitor message and reports each event as it arrives. Resolves at `message-end`;
     * a stream that closes before it rejects with StreamDroppedError so the caller can resend
     * the same clientMessageId (the service answers a repeated id idempotently).
     */
    async sendMessage(
      session: VisitorSession,
      conversationId: string,
      message: { content: string; clientMessageId: string },
      onEvent: (event: ChatEvent) => void,
      signal?: AbortSignal,
    ): Promise<void> {
      const controller = new AbortController();
      signal?.addEventListener('abort', () => controller.abort());
      let isSilent = false;
      let silenceTimer: ReturnType<typeof setTimeout> | undefined;
      const heardFromService = () => {
        clearTimeout(silenceTimer);
        silenceTimer = setTimeout(() => {
          isSilent = true;
          controller.abort();
        }, idleTimeoutMs);
      };
      // The caller's abort stays an AbortError; an abort for silence or a network error is a drop.
      const asDrop = (error: unknown): Error => {
        if (error instanceof ChatHttpError) return error;
        if ((error as Error)?.name === 'AbortError' && !isSilent) return error as Error;
        return new StreamDroppedError(isSilent ? 'The answer stream went silent.' : (error as Error)?.message);
      };

      let ended = false;
      const handle = (type: string, data: unknown) => {
        const event = toEvent(type, data);
        if (!event) return;
        if (event.type === 'message-end') ended = true;
        onEvent(event);
      };

      heardFromService();
      try {
        const response = await postJson(session, `/v1/conversations/${encodeURIComponent(conversationId)}/messages`, message, 'text/event-stream', controller.signal);
        if ((response.headers.get('content-type') ?? '').includes('application/json')) {
          const body = (await response.json()) as { events?: Array<{ type: string; data: unknown }> };
          for (const event of body.events ?? []) handle(event.type, event.data);
        } else {
          const reader = response.body?.getReader();
          if (!reader) throw new StreamDroppedError('The answer has no body.');
          const decoder = new TextDecoder();
          const parser = createSseParser((raw) => handle(raw.event, parseJson(raw.data)));
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            heardFromService();
            parser.push(decoder.decode(value, { stream: true }));
          }
          parser.end();
        }
      } catch (error) {
        throw asDrop(error);
      } finally {
        clearTimeout(silenceTimer);
      }
      if (!ended) throw new StreamDroppedError();
    },
  };
}
export type ChatClient = ReturnType<typeof createChatClient>;
