import type { TestService } from '../../../tests/support/signed-client';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../../tests/fakes/openai-fake-server';
import { Visitor, adminToken, eventsOf, parseEventStream, setUpAgent, startChatService } from './support/chat-client';

const apply = (values: Record<string, unknown>) => ({ toolCalls: [{ name: 'affiliate_application', arguments: JSON.stringify(values) }] });
const FULL = { name: 'Ana Lima', email: 'ana@site.com', platform: 'youtube', audience_size: 40000, traffic_source: 'seo', consent: true };

describe('conversations through the real OpenAI SDK against the local fake server', () => {
  let fake: FakeOpenAIServer;
  let service: TestService;
  let agentId: string;

  beforeEach(async () => {
    fake = await startFakeOpenAIServer();
    service = await startChatService({ AA_OPENAI_API_KEY: 'sk-test', AA_OPENAI_BASE_URL: fake.baseUrl, AA_OPENAI_MODEL: 'fake-model' });
    agentId = await setUpAgent(service);
  });
  afterEach(async () => {
    await service.close();
    await fake.close();
  });

  it('completes an application through streamed tool calls and meters the tokens', async () => {
    fake.script({ text: 'Happy to help! What is your name and email?' }, apply({ name: 'Ana Lima', email: 'ana@site.com' }), { text: 'Thanks! Where do you promote?' }, apply(FULL));
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    expect((await visitor.say('I want to join the affiliate program')).reply).toBe('Happy to help! What is your name and email?');
    expect((await visitor.say('Ana Lima, ana@site.com')).reply).toBe('Thanks! Where do you promote?');
    const confirm = await visitor.say('YouTube, 40k subscribers, mostly SEO. Yes, I agree to you storing my details.');
    expect(eventsOf(confirm, 'confirmation-request')[0].summary).toHaveLength(6);
    const done = await visitor.say('yes');
    const leadId = eventsOf(done, 'action-completed')[0].leadId;
    expect(service.container.leads.get(leadId)).toMatchObject({ route: 'standard', score: 45, email: 'ana@site.com' });

    // The model saw the tool schema, the collected values and the validation result.
    expect(fake.requests[0].tools?.[0].function.name).toBe('affiliate_application');
    expect(fake.requests[2].messages.at(-1)).toMatchObject({ role: 'tool', content: expect.stringContaining('Saved so far: name, email') });
    const usage = await service.request('GET', `/v1/usage?agentId=${agentId}`);
    // Four turns; the last ("yes") is read by the runtime, so four model calls in all.
    expect(usage.body.usage.days[0].provider).toEqual({ responses: 4, inputTokens: 42 * 4, outputTokens: 7 * 4 });
  });

  it('continues on the offline engine when the provider fails mid-turn, keeping the values collected so far', async () => {
    fake.script(
      apply({ name: 'Ana Lima', email: 'ana@site.com' }),
      { text: 'Thanks Ana! Which platform do you use?' },
      { text: 'Great, so you are on', failAfterChunks: 3 },
    );
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say("I'd like to apply, I'm Ana Lima and my email is ana@site.com");
    const failed = await visitor.say('YouTube');
    expect(failed.status).toBe(200);
    expect(failed.events.at(-1)).toMatchObject({ type: 'message-end', data: { usage: { engine: 'offline' } } });
    expect(eventsOf(failed, 'field-request')[0].field.key).toBe('audience_size');
    expect(service.container.conversations.get(visitor.conversationId).state.draft?.values).toEqual({ name: 'Ana Lima', email: 'ana@site.com', platform: 'youtube' });

    // The provider is back for the next turn and sees what the offline engine collected.
    fake.script(apply({ ...FULL, platform: 'youtube' }));
    const confirm = await visitor.say('40k subscribers, mostly SEO, and yes you may store my details');
    expect(eventsOf(confirm, 'confirmation-request')).toHaveLength(1);
    expect(eventsOf(await visitor.say('yes'), 'action-completed')[0].leadId).toMatch(/^lead_/);
  });

  it('falls back to the offline engine when the provider keeps answering 500', async () => {
    service.container.chat.setModel(
      (await import('../../src/runtime/openai-provider')).createOpenAIProvider({ apiKey: 'sk', baseUrl: fake.baseUrl, model: 'fake-model', timeoutMs: 2000, retryBaseDelayMs: 5 }),
    );
    fake.script({ status: 500 }, { status: 500 }, { status: 500 });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('I want to become an affiliate');
    expect(eventsOf(turn, 'field-request')[0].field.key).toBe('name');
    expect(fake.requests).toHaveLength(3);
  });

  it('moves an agent over its monthly cap to the offline engine and reports it', async () => {
    await service.request('PATCH', `/v1/agents/${agentId}`, { monthlyCap: 1, allowedOrigins: ['https://shop.example'] });
    fake.setDefault({ text: 'From the model.' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const first = await visitor.say('hello');
    expect(first.events.at(-1)?.data.usage.engine).toBe('provider');
    const second = await visitor.say('I want to become an affiliate');
    expect(second.events.at(-1)?.data.usage.engine).toBe('offline');
    expect(fake.requests).toHaveLength(1);
    const usage = await service.request('GET', `/v1/usage?agentId=${agentId}`);
    expect(usage.body.usage.month).toMatchObject({ providerResponses: 1, cap: 1, capReached: true });
    expect(usage.body.usage.days[0].offline.responses).toBe(1);
    const forbidden = await service.request('GET', `/v1/usage?agentId=${agentId}`, undefined, { capabilities: ['aa_review_leads'] });
    expect(forbidden.status).toBe(403);
  });

  it('runs the draft in the playground: traces, a score, and what each step would send, without storing a lead', async () => {
    const actions = await service.request('GET', `/v1/agents/${agentId}/actions`);
    const action = actions.body.actions[0];
    const definition = { ...(action.published ?? action.draft).definition, completionMessage: 'Draft says thanks, {{name}}!' };
    expect((await service.request('PUT', `/v1/actions/${action.id}/draft`, { definition })).status).toBe(200);
    expect((await service.request('PATCH', '/v1/settings/delivery', { notifications: { recipients: ['manager@shop.example'] } })).status).toBe(200);

    fake.script(apply(FULL));
    const started = await service.request('POST', `/v1/playground/agents/${agentId}/conversations`, {});
    expect(started.status).toBe(201);
    const conversationId = started.body.conversation.id;
    const send = async (content: string) => {
      // The browser streams the playground with an admin token.
      const response = await service.raw('POST', `/v1/playground/conversations/${conversationId}/messages`, {
        headers: { Authorization: `Bearer ${adminToken()}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({ content }),
      });
      return parseEventStream(await response.text()).events;
    };
    const first = await send("I'm Ana Lima, ana@site.com, YouTube with 40k subscribers, mostly SEO, and yes I agree to you storing my details");
    const traces = first.filter((event) => event.type === 'trace').map((event) => event.data);
    expect(traces).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'engine', engine: 'provider' }),
      expect.objectContaining({ kind: 'tool-call', name: 'affiliate_application' }),
      expect.objectContaining({ kind: 'validation', ok: true }),
    ]));
    // Email verification (on in the template): the dry run mails nothing and shows the code in the trace.
    const codeTrace = first.find((event) => event.type === 'trace' && event.data.kind === 'verification-code')!.data;
    expect(codeTrace).toMatchObject({ email: 'ana@site.com', dryRun: true, code: expect.stringMatching(/^\d{6}$/) });
    const held = await send('yes');
    expect(held.find((event) => event.type === 'action-completed')).toBeUndefined();
    expect(held.filter((event) => event.type === 'text-delta').map((event) => event.data.delta).join('')).toMatch(/type the 6-digit code I sent to ana@site\.com/);
    const done = await send(String(codeTrace.code));
    const completed = done.find((event) => event.type === 'action-completed')!.data;
    expect(completed).toMatchObject({ leadId: null, dryRun: true, reply: 'Draft says thanks, Ana Lima!' });
    const score = done.find((event) => event.type === 'trace' && event.data.kind === 'score')!.data;
    expect(score).toMatchObject({ score: 45, route: 'standard' });
    const wouldSend = done.filter((event) => event.type === 'trace' && event.data.kind === 'would-send').map((event) => event.data);
    expect(wouldSend.map((step) => step.stepId)).toEqual(['affiliatewp', 'notify', 'acknowledge']);
    expect(wouldSend[0].payload).toMatchObject({ operation: 'create pending affiliate', application: { email: 'ana@site.com', name: 'Ana Lima' } });
    // The manager notification is rendered by the outbox's own template, recipients from the delivery settings.
    expect(wouldSend[1].payload).toMatchObject({ to: ['manager@shop.example'], subject: expect.stringContaining('New lead: Ana Lima — score 45, standard') });
    expect(wouldSend[2].payload).toMatchObject({ to: 'ana@site.com', subject: 'We received your affiliate application', text: expect.stringContaining('Hi Ana Lima') });
    expect(service.container.db.prepare('SELECT COUNT(*) AS n FROM leads').get()).toEqual({ n: 0 });

    // Visitors still get the published version.
    const visitorRequest = await service.request('POST', `/v1/playground/conversations/${conversationId}/messages`, { content: 'hi' }, { capabilities: ['aa_review_leads'] });
    expect(visitorRequest.status).toBe(403);
  });
});
