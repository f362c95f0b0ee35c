import { createScriptedModel } from '../../src/runtime/scripted-model';
import type { TestService } from '../../../tests/support/signed-client';
import { SITE_ORIGIN, Visitor, adminToken, setUpAgent, startChatService, visitorToken } from './support/chat-client';

describe('the visitor chat API', () => {
  let service: TestService;
  let agentId: string;

  beforeEach(async () => {
    service = await startChatService({ AA_ALLOWED_ORIGINS: 'https://admin.example' });
    agentId = await setUpAgent(service, { greeting: 'Hello! Ask me about the program.' });
    service.container.chat.setModel(createScriptedModel([{ text: 'Happy to help.' }], { repeatLast: true }));
  });
  afterEach(() => service.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    service.raw('POST', path, { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('starts a conversation with the greeting and remembers where the visitor came from', async () => {
    const visitor = new Visitor(service, agentId);
    const started = await visitor.start({ url: 'https://shop.example/partners?utm_source=x', utm: { source: 'x', campaign: 'spring' } });
    expect(started).toEqual({
      conversation: { id: expect.stringMatching(/^cnv_/), agentId, createdAt: expect.any(String) },
      messages: [{ role: 'assistant', content: 'Hello! Ask me about the program.' }],
    });
    // clientKey: the service's keyed hash of the visitor's IP (mail caps), never the IP itself.
    expect(service.container.conversations.get(visitor.conversationId).source).toEqual({ url: 'https://shop.example/partners?utm_source=x', utm: { source: 'x', campaign: 'spring' }, clientKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('refuses a missing, forged, expired or other-agent token', async () => {
    const path = `/v1/agents/${agentId}/conversations`;
    expect((await post(path, {})).status).toBe(401);
    const forged = visitorToken(agentId).replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    expect(await (await post(path, {}, { Authorization: `Bearer ${forged}` })).json()).toMatchObject({ error: { code: 'token_invalid' } });
    const expired = await post(path, {}, { Authorization: `Bearer ${visitorToken(agentId, 'vis_1', SITE_ORIGIN, -120)}` });
    expect(expired.status).toBe(401);
    const other = await post(path, {}, { Authorization: `Bearer ${visitorToken('agt_other')}` });
    expect(((await other.json()) as any)).toMatchObject({ error: { code: 'token_agent_mismatch' } });
  });

  it('allows CORS only for the agent and service origins, preflight included', async () => {
    const path = `/v1/agents/${agentId}/conversations`;
    const preflight = await service.raw('OPTIONS', path, { headers: { Origin: SITE_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const fromService = await service.raw('OPTIONS', path, { headers: { Origin: 'https://admin.example' } });
    expect(fromService.status).toBe(204);
    const stranger = await service.raw('OPTIONS', path, { headers: { Origin: 'https://evil.example' } });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const posted = await post(path, {}, { Origin: 'https://evil.example', Authorization: `Bearer ${visitorToken(agentId)}` });
    expect(((await posted.json()) as any)).toMatchObject({ error: { code: 'origin_not_allowed' } });
    // The token is for shop.example: another allowed origin cannot use it.
    const mismatch = await post(path, {}, { Origin: 'https://admin.example', Authorization: `Bearer ${visitorToken(agentId)}` });
    expect(((await mismatch.json()) as any)).toMatchObject({ error: { code: 'origin_mismatch' } });
  });

  it("allows the paired WordPress site's origin for every agent, so an agent without allowed origins works on the site and in the playground", async () => {
    const bare = await setUpAgent(service, { allowedOrigins: [] });
    const path = `/v1/playground/agents/${bare}/conversations`;
    const site = 'https://wp.example:8443';
    expect((await service.raw('OPTIONS', path, { headers: { Origin: site } })).status).toBe(403);
    const saved = await service.request('PATCH', '/v1/settings/delivery', { wordpress: { siteUrl: `${site}/blog/` } });
    expect(saved.status).toBe(200);
    const preflight = await service.raw('OPTIONS', path, { headers: { Origin: site } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(site);
    const started = await post(path, {}, { Origin: site, Authorization: `Bearer ${adminToken()}` });
    expect(started.status).toBe(201);
    expect((await service.raw('OPTIONS', path, { headers: { Origin: 'https://wp.example' } })).status).toBe(403);
  });

  it('lets a visitor read only their own conversation', async () => {
    const ana = new Visitor(service, agentId);
    await ana.start();
    await ana.say('What do you pay?');
    const own = await service.raw('GET', `/v1/conversations/${ana.conversationId}`, { headers: { Authorization: `Bearer ${ana.token}` } });
    const body = ((await own.json()) as any);
    expect(body.messages.map((message: { role: string; content: string }) => [message.role, message.content])).toEqual([
      ['assistant', 'Hello! Ask me about the program.'],
      ['user', 'What do you pay?'],
      ['assistant', 'Happy to help.'],
    ]);
    const bruno = new Visitor(service, agentId, visitorToken(agentId, 'vis_2'));
    const read = await service.raw('GET', `/v1/conversations/${ana.conversationId}`, { headers: { Authorization: `Bearer ${bruno.token}` } });
    expect(read.status).toBe(403);
    bruno.conversationId = ana.conversationId;
    expect((await bruno.say('hi')).status).toBe(403);
  });

  it('answers in JSON for clients that cannot read SSE', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('hello', { accept: 'application/json' });
    expect(turn.status).toBe(200);
    expect(turn.body.reply).toBe('Happy to help.');
    // A short answer arrives as one delta: the output guard holds back the last characters of a model step until it is checked.
    expect(turn.body.events.map((event: { type: string }) => event.type)).toEqual(['message-start', 'text-delta', 'message-end']);
  });

  it('replays the same answer for a retried clientMessageId instead of answering twice', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const first = await visitor.say('hello', { clientMessageId: 'c-1' });
    const retry = await visitor.say('hello', { clientMessageId: 'c-1' });
    expect(retry.reply).toBe(first.reply);
    expect(retry.events.map((event) => event.type)).toEqual(['message-start', 'text-delta', 'message-end']);
    expect(retry.events.at(-1)).toEqual(first.events.at(-1));
    const transcript = service.container.getTranscript(visitor.conversationId);
    expect(transcript.messages).toHaveLength(3);
  });

  it('limits message length and message rate', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const tooLong = await visitor.say('x'.repeat(2001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('at most 2000 characters');
    const other = new Visitor(service, agentId, visitorToken(agentId, 'vis_rate'));
    await other.start();
    service.container.chat.limits.messagesPerVisitorPerMinute = 2;
    expect((await other.say('one')).status).toBe(200);
    expect((await other.say('two')).status).toBe(200);
    const limited = await other.say('three');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
  });

  it('sends ": ping" heartbeats while a slow answer is on its way', async () => {
    service.container.chat.heartbeatMs = 20;
    const slow = createScriptedModel([]);
    service.container.chat.setModel({
      name: 'slow',
      async *stream(request) {
        await new Promise((resolve) => setTimeout(resolve, 120));
        yield* slow.stream.call(slow, request) as AsyncIterable<never>;
      },
    });
    slow.push({ text: 'Here you go.' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('hello');
    expect(turn.comments).toContain('ping');
    expect(turn.reply).toBe('Here you go.');
  });

  it('shows admins any transcript, for the lead page and webhooks', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say('hello');
    const transcript = await service.request('GET', `/v1/conversations/${visitor.conversationId}/transcript`, undefined, { capabilities: ['aa_review_leads'] });
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages).toHaveLength(3);
    const unsigned = await service.raw('GET', `/v1/conversations/${visitor.conversationId}/transcript`, { headers: { Authorization: `Bearer ${adminToken()}` } });
    expect(unsigned.status).toBe(401);
  });
});
