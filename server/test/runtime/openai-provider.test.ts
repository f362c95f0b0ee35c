import { createOpenAIProvider } from '../../src/runtime/openai-provider';
import type { ChatModelEvent } from '../../src/runtime/chat-model';
import { UpstreamError } from '../../src/core/errors';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../../tests/fakes/openai-fake-server';

async function collect(stream: AsyncIterable<ChatModelEvent>): Promise<ChatModelEvent[]> {
  const events: ChatModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('the OpenAI-compatible provider, against a local fake server', () => {
  let fake: FakeOpenAIServer;
  beforeEach(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterEach(() => fake.close());

  const provider = (overrides: Partial<Parameters<typeof createOpenAIProvider>[0]> = {}) =>
    createOpenAIProvider({ apiKey: 'sk-test', baseUrl: fake.baseUrl, model: 'fake-model', timeoutMs: 2000, retryBaseDelayMs: 5, ...overrides });

  const request = {
    messages: [{ role: 'system' as const, content: 'be nice' }, { role: 'user' as const, content: 'hi' }],
    tools: [{ name: 'affiliate_application', description: 'apply', parameters: { type: 'object', properties: {} } }],
  };

  it('streams text deltas and reports token usage', async () => {
    fake.script({ text: 'Hello there, how can I help you today?', usage: { prompt_tokens: 120, completion_tokens: 9 } });
    const events = await collect(provider().stream(request));
    const text = events.filter((event) => event.type === 'text-delta').map((event) => (event as { delta: string }).delta);
    expect(text.length).toBeGreaterThan(1);
    expect(text.join('')).toBe('Hello there, how can I help you today?');
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 120, outputTokens: 9 } });
    expect(fake.requests[0]).toMatchObject({ model: 'fake-model', stream: true, tools: [{ type: 'function', function: { name: 'affiliate_application' } }] });
  });

  it('assembles tool calls from argument deltas', async () => {
    fake.script({ toolCalls: [{ name: 'affiliate_application', arguments: '{"name":"Ana Lima","email":"ana@site.com"}', id: 'call_1' }] });
    const events = await collect(provider().stream(request));
    expect(events.filter((event) => event.type === 'tool-call')).toEqual([
      { type: 'tool-call', call: { id: 'call_1', name: 'affiliate_application', argumentsText: '{"name":"Ana Lima","email":"ana@site.com"}' } },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });

  it('retries 429 and 5xx with backoff before anything was streamed', async () => {
    fake.script({ status: 429, retryAfterMs: 10 }, { status: 503 }, { text: 'third time lucky' });
    const events = await collect(provider().stream(request));
    expect(events.filter((event) => event.type === 'text-delta').map((event) => (event as { delta: string }).delta).join('')).toBe('third time lucky');
    expect(fake.requests).toHaveLength(3);
  });

  it('maps a persistent 500 to UpstreamError once retries are spent', async () => {
    fake.script({ status: 500 }, { status: 500 }, { status: 500 });
    await expect(collect(provider().stream(request))).rejects.toMatchObject({ name: 'UpstreamError', code: 'upstream_failed' });
    expect(fake.requests).toHaveLength(3);
  });

  it('maps a rate limit that does not clear to upstream_rate_limited', async () => {
    fake.script({ status: 429 }, { status: 429 });
    await expect(collect(provider({ maxRetries: 1 }).stream(request))).rejects.toMatchObject({ code: 'upstream_rate_limited' });
  });

  it('fails with UpstreamError when the connection drops mid-stream, after the text it got', async () => {
    fake.script({ text: 'This answer will be cut off somewhere in the middle', failAfterChunks: 3 });
    const seen: ChatModelEvent[] = [];
    const error = await (async () => {
      try {
        for await (const event of provider().stream(request)) seen.push(event);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UpstreamError);
    expect(seen.some((event) => event.type === 'text-delta')).toBe(true);
  });

  it('times out a stream that stalls', async () => {
    fake.script({ text: 'stalling after the first words', stallAfterChunks: 2 });
    await expect(collect(provider({ timeoutMs: 150 }).stream(request))).rejects.toMatchObject({ code: 'upstream_timeout' });
  });
});
