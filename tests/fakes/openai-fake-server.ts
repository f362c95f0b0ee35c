import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests and benchmarks: POST /v1/chat/completions answers
 * with SSE chunks exactly as the real API streams them (text deltas, tool-call deltas split into
 * pieces, a usage chunk, [DONE]), so the real `openai` SDK code path runs. Each request plays the
 * next scripted reply; a reply can also fail before or during the stream.
 */
export interface FakeToolCall {
  name: string;
  /** Sent as-is, split into several deltas; may be deliberately malformed JSON. */
  arguments: string;
  id?: string;
}

export interface FakeReply {
  text?: string;
  toolCalls?: FakeToolCall[];
  /** Answer with this HTTP status and an error body instead of a stream. */
  status?: number;
  /** Sent as `retry-after-ms` with a 429. */
  retryAfterMs?: number;
  /** Destroy the connection after this many chunks. */
  failAfterChunks?: number;
  /** Stop sending (keep the connection open) after this many chunks, to trigger timeouts. */
  stallAfterChunks?: number;
  /** Wait before the response headers. */
  delayMs?: number;
  /** Wait this long between chunks, as a model generating tokens does. */
  chunkDelayMs?: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export type FakeScript = FakeReply | ((body: FakeRequestBody) => FakeReply);

export interface FakeRequestBody {
  model: string;
  messages: Array<{ role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: 'function'; function: { name: string; description: string; parameters: unknown } }>;
  stream?: boolean;
  [key: string]: unknown;
}

export interface FakeOpenAIServer {
  baseUrl: string;
  requests: FakeRequestBody[];
  /** Queue replies for the next requests, in order. */
  script(...replies: FakeScript[]): void;
  /** The reply used when the queue is empty (default: a short text answer). */
  setDefault(reply: FakeScript): void;
  pending(): number;
  close(): Promise<void>;
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  })}\n\n`;
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let index = 0; index < text.length; index += size) out.push(text.slice(index, index + size));
  return out.length ? out : [''];
}

export function buildChunks(model: string, reply: FakeReply): string[] {
  const chunks: string[] = [chunk(model, { role: 'assistant', content: '' })];
  if (reply.text) for (const part of pieces(reply.text, 12)) chunks.push(chunk(model, { content: part }));
  (reply.toolCalls ?? []).forEach((call, index) => {
    chunks.push(
      chunk(model, { tool_calls: [{ index, id: call.id ?? `call_fake_${index}_${Math.random().toString(36).slice(2, 8)}`, type: 'function', function: { name: call.name, arguments: '' } }] }),
    );
    for (const part of pieces(call.arguments, 9)) chunks.push(chunk(model, { tool_calls: [{ index, function: { arguments: part } }] }));
  });
  chunks.push(chunk(model, {}, reply.toolCalls?.length ? 'tool_calls' : 'stop'));
  const usage = reply.usage ?? { prompt_tokens: 42, completion_tokens: 7 };
  chunks.push(
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`,
  );
  chunks.push('data: [DONE]\n\n');
  return chunks;
}

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const queue: FakeScript[] = [];
  const requests: FakeRequestBody[] = [];
  let fallback: FakeScript = { text: 'Hello from the fake model.' };
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      let body: FakeRequestBody;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as FakeRequestBody;
      } catch {
        response.writeHead(400).end();
        return;
      }
      requests.push(body);
      const script = queue.shift() ?? fallback;
      const reply = typeof script === 'function' ? script(body) : script;
      const answer = () => {
        if (reply.status && reply.status >= 400) {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
          response.writeHead(reply.status, headers).end(JSON.stringify({ error: { message: `fake failure ${reply.status}`, type: 'server_error' } }));
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        const chunks = buildChunks(body.model, reply);
        const send = (index: number): void => {
          if (index >= chunks.length) {
            response.end();
            return;
          }
          if (reply.failAfterChunks !== undefined && index >= reply.failAfterChunks) {
            // Let the chunks already written reach the client first, as a real dropped connection would.
            setTimeout(() => request.socket.destroy(), 30);
            return;
          }
          if (reply.stallAfterChunks !== undefined && index >= reply.stallAfterChunks) return;
          response.write(chunks[index]);
          if (reply.chunkDelayMs) setTimeout(() => send(index + 1), reply.chunkDelayMs);
          else send(index + 1);
        };
        send(0);
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
