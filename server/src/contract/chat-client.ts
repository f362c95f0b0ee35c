import type { ChatEvent } from './chat-events';
import { createSseParser } from './sse-parser';

/**
 * The one chat client, used by the widget (visitor routes) and the admin playground (playground
 * routes) against docs/protocol.md section 4. Plain fetch and no runtime dependency, because it
 * ships in the lazily loaded widget bundle.
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

/** Where and as whom the client talks to the service: a visitor session or an admin token. */
export interface ChatAuth {
  serviceUrl: string;
  token: string;
}

/** What the session route answers (WordPress `affiliate-agent/v1/session`, or the service's preview route). */
export interface VisitorSession extends ChatAuth {
  /** ISO date, or Unix seconds; a session is refreshed a little before it. */
  expiresAt: string | number;
  agentId: string;
  /** Sent back when the token is renewed, so the visitor keeps access to their conversation. */
  visitorId?: string;
}

export interface PageSource {
  url?: string;
  referrer?: string;
  utm?: Record<string, string>;
}

export interface ChatRoutes {
  conversations(agentId: string): string;
  messages(conversationId: string): string;
}

export const VISITOR_ROUTES: ChatRoutes = {
  conversations: (agentId) => `/v1/agents/${encodeURIComponent(agentId)}/conversations`,
  messages: (conversationId) => `/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
};

/** The admins' playground: draft actions in dry run, with trace events; needs an admin token. */
export const PLAYGROUND_ROUTES: ChatRoutes = {
  conversations: (agentId) => `/v1/playground/agents/${encodeURIComponent(agentId)}/conversations`,
  messages: (conversationId) => `/v1/playground/conversations/${encodeURIComponent(conversationId)}/messages`,
};

export interface StartedConversation {
  conversationId: string;
  /** The agent's greeting: the first assistant message, or '' when the agent has none. */
  greeting: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The service writes `: ping` every 15 s, so a stream silent for this long is dead even if the
 * connection looks open (a proxy or a sleeping phone): it is aborted and treated as a drop.
 */
export const STREAM_IDLE_TIMEOUT_MS = 45_000;

const EVENT_TYPES: ReadonlySet<string> = new Set<ChatEvent['type']>([
  'message-start',
  'text-delta',
  'citations',
  'field-request',
  'confirmation-request',
  'action-completed',
  'error',
  'trace',
  'message-end',
]);

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

/** Events are data from the network: unknown types and non-object payloads are skipped, not trusted. */
function toEvent(type: string, data: unknown): ChatEvent | null {
  if (!EVENT_TYPES.has(type) || !data || typeof data !== 'object' || Array.isArray(data)) return null;
  return { type, data } as ChatEvent;
}

export interface ChatClientOptions {
  routes?: ChatRoutes;
  idleTimeoutMs?: number;
}

export function createChatClient(fetchImpl: FetchLike, { routes = VISITOR_ROUTES, idleTimeoutMs = STREAM_IDLE_TIMEOUT_MS }: ChatClientOptions = {}) {
  function serviceUrl(auth: ChatAuth, path: string): string {
    return auth.serviceUrl.replace(/\/+$/, '') + path;
  }

  async function postJson(auth: ChatAuth, path: string, body: unknown, accept: string, signal?: AbortSignal) {
    const response = await fetchImpl(serviceUrl(auth, path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: accept, Authorization: `Bearer ${auth.token}` },
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

    async startConversation(auth: ChatAuth, agentId: string, page: PageSource = {}): Promise<StartedConversation> {
      const response = await postJson(auth, routes.conversations(agentId), { page }, 'application/json');
      const body = (await response.json()) as { conversation?: { id?: unknown }; messages?: Array<{ role?: unknown; content?: unknown }> };
      const conversationId = body?.conversation?.id;
      if (typeof conversationId !== 'string') throw new ChatHttpError('The conversation answer has no id.', 502, 'conversation_invalid');
      const greeting = body.messages?.find((message) => message.role === 'assistant')?.content;
      return { conversationId, greeting: typeof greeting === 'string' ? greeting : '' };
    },

    /**
     * Sends one message and reports each event as it arrives. Resolves at `message-end`; a stream
     * that closes before it rejects with StreamDroppedError so the caller can resend the same
     * clientMessageId (the service answers a repeated id idempotently).
     */
    async sendMessage(
      auth: ChatAuth,
      conversationId: string,
      message: { content: string; clientMessageId?: string },
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
        if (error instanceof ChatHttpError || error instanceof StreamDroppedError) return error;
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
        const response = await postJson(auth, routes.messages(conversationId), message, 'text/event-stream', controller.signal);
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
          parser.push(decoder.decode());
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
