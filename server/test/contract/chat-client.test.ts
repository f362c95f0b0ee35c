import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatHttpError, createChatClient, PLAYGROUND_ROUTES, StreamDroppedError, type ChatAuth } from '../../src/contract/chat-client';
import type { ChatEvent } from '../../src/contract/chat-events';

/*
 * The one chat client against a real HTTP server on loopback that writes the stream the way a
 * network delivers it: split chunks, CRLF, heartbeats, a stream cut before `message-end`.
 */
type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
let server: Server;
let handler: Handler;
let auth: ChatAuth;
const seen: Array<{ method?: string; url?: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  auth = { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, token: 'tok_1' };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => (seen.length = 0));

/** Writes each chunk as its own network write, a few milliseconds apart. */
function streamChunks(chunks: string[], { end = true } = {}): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let index = 0;
    const next = () => {
      if (index < chunks.length) {
        response.write(chunks[index++]);
        setTimeout(next, 2);
      } else if (end) response.end();
    };
    next();
  };
}

const client = createChatClient((input, init) => fetch(input, init), { idleTimeoutMs: 300 });

describe('the shared chat client', () => {
  it('sends the message with the bearer token and reads split, CRLF, heartbeat-laced chunks as typed events', async () => {
    handler = streamChunks(['event: message-st', 'art\r\ndata: {"messageId":"msg_1"}\r', '\n\r\n: ping\r\n\r\nevent: text-delta\r\ndata: {"delta":"Hé', 'llo"}\r\n\r\nevent: citations\r\ndata: {"citations":[{"id":"S1","title":"FAQ","url":null}]}\r\n\r\n', 'event: message-end\r\ndata: {"messageId":"msg_1","usage":{"engine":"offline"}}\r\n\r\n']);
    const events: ChatEvent[] = [];
    await client.sendMessage(auth, 'cnv_1', { content: 'Hi', clientMessageId: 'c1' }, (event) => events.push(event));
    expect(events).toEqual([
      { type: 'message-start', data: { messageId: 'msg_1' } },
      { type: 'text-delta', data: { delta: 'Héllo' } },
      { type: 'citations', data: { citations: [{ id: 'S1', title: 'FAQ', url: null }] } },
      { type: 'message-end', data: { messageId: 'msg_1', usage: { engine: 'offline' } } },
    ]);
    expect(seen[0]).toEqual({ method: 'POST', url: '/v1/conversations/cnv_1/messages', authorization: 'Bearer tok_1', body: '{"content":"Hi","clientMessageId":"c1"}' });
  });

  it('splits a multi-byte character across chunks without corrupting it', async () => {
    const bytes = Buffer.from('event: text-delta\ndata: {"delta":"€"}\n\nevent: message-end\ndata: {"messageId":"m"}\n\n');
    const cut = bytes.indexOf(Buffer.from('€')) + 1;
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(bytes.subarray(0, cut));
      setTimeout(() => response.end(bytes.subarray(cut)), 5);
    };
    const events: ChatEvent[] = [];
    await client.sendMessage(auth, 'cnv_1', { content: 'x' }, (event) => events.push(event));
    expect(events[0]).toEqual({ type: 'text-delta', data: { delta: '€' } });
  });

  it('rejects with StreamDroppedError when the stream ends before message-end, the last event without its blank line dropped', async () => {
    handler = streamChunks(['event: text-delta\ndata: {"delta":"Hel"}\n\n', 'event: message-end\ndata: {"messageId":"msg_1"}']);
    const events: ChatEvent[] = [];
    await expect(client.sendMessage(auth, 'cnv_1', { content: 'Hi' }, (event) => events.push(event))).rejects.toBeInstanceOf(StreamDroppedError);
    expect(events.map((event) => event.type)).toEqual(['text-delta']);
  });

  it('treats a stream that goes silent past the idle timeout as a drop', async () => {
    handler = streamChunks(['event: message-start\ndata: {"messageId":"m"}\n\n'], { end: false });
    await expect(client.sendMessage(auth, 'cnv_1', { content: 'Hi' }, () => undefined)).rejects.toThrow('The answer stream went silent.');
  });

  it('skips unknown event types and payloads that are not objects', async () => {
    handler = streamChunks(['event: surprise\ndata: {"x":1}\n\nevent: text-delta\ndata: "just a string"\n\nevent: text-delta\ndata: not json\n\nevent: message-end\ndata: {"messageId":"m"}\n\n']);
    const events: ChatEvent[] = [];
    await client.sendMessage(auth, 'cnv_1', { content: 'Hi' }, (event) => events.push(event));
    expect(events).toEqual([{ type: 'message-end', data: { messageId: 'm' } }]);
  });

  it('reads JSON mode (the same events as a list) when the service answers application/json', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ events: [{ type: 'text-delta', data: { delta: 'Hi' } }, { type: 'message-end', data: { messageId: 'm' } }] }));
    };
    const events: ChatEvent[] = [];
    await client.sendMessage(auth, 'cnv_1', { content: 'Hi' }, (event) => events.push(event));
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'message-end']);
  });

  it('reports the service error body as ChatHttpError with status and code', async () => {
    handler = (_request, response) => {
      response.writeHead(429, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down.' } }));
    };
    await expect(client.sendMessage(auth, 'cnv_1', { content: 'Hi' }, () => undefined)).rejects.toMatchObject({ name: 'ChatHttpError', status: 429, code: 'rate_limited', message: 'Slow down.' });
  });

  it('starts a conversation on the playground routes and returns the greeting', async () => {
    handler = (_request, response) => {
      response.writeHead(201, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ conversation: { id: 'cnv_9' }, messages: [{ role: 'assistant', content: 'Welcome!' }] }));
    };
    const playground = createChatClient((input, init) => fetch(input, init), { routes: PLAYGROUND_ROUTES });
    await expect(playground.startConversation(auth, 'agt 1')).resolves.toEqual({ conversationId: 'cnv_9', greeting: 'Welcome!' });
    expect(seen[0]).toMatchObject({ url: '/v1/playground/agents/agt%201/conversations', body: '{"page":{}}' });
  });

  it('refuses a conversation answer without an id', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"conversation":{}}');
    };
    const failure = client.startConversation(auth, 'agt_1');
    await expect(failure).rejects.toBeInstanceOf(ChatHttpError);
    await expect(failure).rejects.toMatchObject({ code: 'conversation_invalid' });
  });
});
