import { TextDecoder, TextEncoder } from 'node:util';

/**
 * A scripted stand-in for the session route and the visitor chat API, at the fetch boundary the
 * widget takes as an option. It answers in the wire format of docs/protocol.md section 4, records
 * every request, and can drop a stream half-way like a flaky mobile network.
 */
if (!globalThis.TextDecoder) Object.assign(globalThis, { TextDecoder, TextEncoder });

export type Turn =
  | Array<[string, unknown]>
  | { status: number; body: unknown }
  | { dropAfter: Array<[string, unknown]> }
  | { stallAfter: Array<[string, unknown]> };

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: any;
}

export const SESSION_URL = 'https://shop.example/wp-json/affiliate-agent/v1/session';
export const SERVICE_URL = 'https://agent.shop.example';

export function sse(events: Array<[string, unknown]>): string {
  return events.map(([type, data]) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

function jsonResponse(status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response;
}

/**
 * A streamed body in small pieces (split mid-line on purpose). After the last piece it ends,
 * fails like a lost network (`drop`), or goes silent until the request is aborted (`stall`).
 */
function streamResponse(text: string, end: 'close' | 'drop' | 'stall' = 'close', signal?: AbortSignal | null): Response {
  const encoder = new TextEncoder();
  const pieces = text.match(/[\s\S]{1,23}/g) ?? [];
  let index = 0;
  return {
    ok: true,
    status: 200,
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'text/event-stream' : null) },
    body: {
      getReader: () => ({
        read: async () => {
          if (index < pieces.length) return { done: false, value: encoder.encode(pieces[index++]) };
          if (end === 'drop') throw new TypeError('network error');
          if (end === 'stall') {
            return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
          }
          return { done: true, value: undefined };
        },
      }),
    },
  } as unknown as Response;
}

export function reply(text: string, extra: Array<[string, unknown]> = [], messageId = `msg_${Math.random().toString(36).slice(2, 8)}`): Array<[string, unknown]> {
  return [['message-start', { messageId }], ['text-delta', { delta: text }], ...extra, ['message-end', { messageId, usage: { engine: 'offline' } }]];
}

export function createFakeChatService(options: { turns?: Turn[]; greeting?: string; expiresInSeconds?: number } = {}) {
  const requests: RecordedRequest[] = [];
  const turns = [...(options.turns ?? [])];
  let conversations = 0;
  let sessions = 0;

  const fetch = jest.fn(async (url: string, init: RequestInit = {}) => {
    const headers = Object.fromEntries(Object.entries((init.headers as Record<string, string>) ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
    requests.push({ url, method: init.method ?? 'GET', headers, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (url === SESSION_URL) {
      sessions++;
      return jsonResponse(200, {
        token: `token-${sessions}`,
        expiresAt: new Date(Date.now() + (options.expiresInSeconds ?? 3600) * 1000).toISOString(),
        serviceUrl: SERVICE_URL,
        agentId: 'agt_demo',
      });
    }
    if (url === `${SERVICE_URL}/v1/agents/agt_demo/conversations`) {
      conversations++;
      return jsonResponse(201, {
        conversation: { id: `cnv_${conversations}`, agentId: 'agt_demo', createdAt: new Date().toISOString() },
        messages: [{ role: 'assistant', content: options.greeting ?? 'Hi! Ask me anything about the affiliate program.' }],
      });
    }
    if (/\/v1\/conversations\/[^/]+\/messages$/.test(url)) {
      const turn = turns.shift() ?? reply('(no scripted answer)');
      if (Array.isArray(turn)) return streamResponse(sse(turn));
      if ('dropAfter' in turn) return streamResponse(sse(turn.dropAfter), 'drop');
      if ('stallAfter' in turn) return streamResponse(sse(turn.stallAfter), 'stall', init.signal);
      return jsonResponse(turn.status, turn.body);
    }
    return jsonResponse(404, { error: { code: 'route_not_found', message: url } });
  });

  return {
    fetch,
    requests,
    messageRequests: () => requests.filter((request) => request.url.endsWith('/messages')),
    conversationRequests: () => requests.filter((request) => request.url.endsWith('/conversations')),
    sessionRequests: () => requests.filter((request) => request.url === SESSION_URL),
    addTurn: (turn: Turn) => turns.push(turn),
  };
}

/** The markup render.php prints for an inline or floating block. */
export const WIDGET_URL = 'https://shop.example/wp-content/plugins/affiliate-agent/build/blocks/chat/widget.js';

/** The configuration render.php has the plugin print (Chat_Config), for one block instance. */
export function printConfig(instances: Record<string, Record<string, unknown>>): void {
  (window as unknown as { affiliateAgentChatConfig: unknown }).affiliateAgentChatConfig = { widgetUrl: WIDGET_URL, sessionUrl: SESSION_URL, instances };
}

/** A block as render.php prints it, and its entry in the printed configuration. */
export function blockMarkup(mode: 'inline' | 'floating' = 'inline', instanceId = 'aa-chat-test0001'): HTMLElement {
  const root = document.createElement('div');
  root.className = `wp-block-affiliate-agent-chat is-${mode} is-position-bottom-right`;
  root.dataset.aaInstance = instanceId;
  printConfig({ [instanceId]: { agentId: 'agt_demo', mode, position: 'bottom-right', greeting: '', strings: { title: 'Affiliate help' } } });
  root.innerHTML =
    mode === 'floating'
      ? '<button type="button" class="wp-block-affiliate-agent-chat__bubble" data-aa-open aria-expanded="false" aria-label="Open chat"></button>'
      : '<div class="wp-block-affiliate-agent-chat__panel"><form class="wp-block-affiliate-agent-chat__composer"><textarea class="wp-block-affiliate-agent-chat__input" data-aa-open aria-label="Type your message…"></textarea><button type="submit" data-aa-open aria-label="Send"></button></form></div>';
  document.body.append(root);
  return root;
}
