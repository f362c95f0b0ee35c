import { createScriptedModel } from '../../src/runtime/scripted-model';
import type { TestService } from '../../../tests/support/signed-client';
import { Visitor, eventsOf, setUpAgent, startChatService } from './support/chat-client';

const call = (values: Record<string, unknown>) => ({ toolCalls: [{ name: 'affiliate_application', argumentsText: JSON.stringify(values) }] });
const FULL = { name: 'Ana Lima', email: 'ana@site.com', platform: 'youtube', audience_size: 40000, traffic_source: 'organic_social', consent: true };

describe('conversations on a tool-calling model (scripted)', () => {
  let service: TestService;
  let agentId: string;

  beforeEach(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
  });
  afterEach(() => service.close());

  it('runs a complete application: the model collects values, the runtime confirms, and a qualified lead exists', async () => {
    const model = createScriptedModel([
      { text: 'Great! What is your name?' },
      call({ name: 'Ana Lima', email: 'ana@site.com' }),
      { text: 'Thanks Ana. Where do you mainly promote?' },
      call(FULL),
    ]);
    service.container.chat.setModel(model);
    const visitor = new Visitor(service, agentId);
    const started = await visitor.start({ url: 'https://shop.example/affiliates', referrer: 'https://google.com/', utm: { source: 'newsletter' } });
    expect(started.messages[0].role).toBe('assistant');

    const first = await visitor.say('I want to become an affiliate');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(first.headers.get('x-accel-buffering')).toBe('no');
    expect(first.events[0].type).toBe('message-start');
    expect(first.events.at(-1)).toMatchObject({ type: 'message-end', data: { usage: { engine: 'provider' } } });
    expect(first.reply).toBe('Great! What is your name?');

    const second = await visitor.say("I'm Ana Lima, ana@site.com");
    expect(second.reply).toContain('Where do you mainly promote?');
    expect(eventsOf(second, 'field-request')[0]).toMatchObject({ actionKey: 'affiliate-application', field: { key: 'platform' } });
    // The tool result told the model what was saved and what is missing.
    const toolMessage = model.requests[2].messages.at(-1) as { role: string; content: string };
    expect(toolMessage.role).toBe('tool');
    expect(toolMessage.content).toContain('Saved so far: name, email');

    const third = await visitor.say('YouTube, about 40k subscribers, organic videos. And yes, you may store my details.');
    const confirmation = eventsOf(third, 'confirmation-request')[0];
    expect(confirmation.summary).toEqual(
      expect.arrayContaining([
        { key: 'email', label: 'Email', value: 'ana@site.com' },
        { key: 'audience_size', label: 'Audience size', value: '40,000' },
        { key: 'platform', label: 'Main platform', value: 'YouTube' },
      ]),
    );
    expect(await service.container.leads.findByConversation(visitor.conversationId, 'affiliate-application')).toBeNull();

    const fourth = await visitor.say('yes');
    const completed = eventsOf(fourth, 'action-completed')[0];
    expect(completed.leadId).toMatch(/^lead_/);
    expect(fourth.reply).toContain('Thanks Ana Lima! Your application is in.');
    const lead = service.container.leads.get(completed.leadId);
    expect(lead).toMatchObject({ email: 'ana@site.com', route: 'standard', score: 35, conversationId: visitor.conversationId });
    expect(lead.source).toMatchObject({ pageUrl: 'https://shop.example/affiliates', referrer: 'https://google.com/', utm: { source: 'newsletter' } });
    expect(model.requests).toHaveLength(4);
  });

  it('does not accept values the visitor never said, and asks instead', async () => {
    const model = createScriptedModel([call({ ...FULL }), { text: 'Which platform do you use?' }]);
    service.container.chat.setModel(model);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say("Sign me up please, I'm Ana Lima and my email is ana@site.com");
    expect(eventsOf(turn, 'confirmation-request')).toHaveLength(0);
    const toolResult = (model.requests[1].messages.at(-1) as { content: string }).content;
    expect(toolResult).toContain('`platform`: the visitor has not said this value');
    expect(toolResult).toContain('`audience_size`: the visitor has not said this value');
    expect(toolResult).toContain('Saved so far: name, email');
  });

  it('turns an invalid email into a question, then accepts the corrected one', async () => {
    const model = createScriptedModel([
      call({ ...FULL, email: 'ana(at)site' }),
      { text: 'That email does not look right. Could you check it?' },
      call({ email: 'ana@site.com' }),
    ]);
    service.container.chat.setModel(model);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say("I'm Ana Lima, ana(at)site, YouTube with 40k subscribers, organic videos, and yes I agree to storing my details");
    expect(turn.reply).toContain('does not look right');
    expect((model.requests[1].messages.at(-1) as { content: string }).content).toContain('Field `email` must be an email address');
    const corrected = await visitor.say('sorry, it is ana@site.com');
    expect(eventsOf(corrected, 'confirmation-request')[0].summary).toEqual(expect.arrayContaining([{ key: 'email', label: 'Email', value: 'ana@site.com' }]));
  });

  it('stores nothing when consent is refused', async () => {
    const model = createScriptedModel([call({ ...FULL, consent: false }), { text: 'I understand. Without your agreement I cannot submit the application.' }]);
    service.container.chat.setModel(model);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say("I'm Ana Lima, ana@site.com, YouTube, 40k, organic videos. No, I don't agree to storing my details.");
    expect((model.requests[1].messages.at(-1) as { content: string }).content).toContain('cannot be submitted without it');
    expect(eventsOf(turn, 'confirmation-request')).toHaveLength(0);
    expect(service.container.leads.findByConversation(visitor.conversationId, 'affiliate-application')).toBeNull();
  });

  it('executes nothing when the confirmation is declined', async () => {
    service.container.chat.setModel(createScriptedModel([call(FULL)]));
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say("I'm Ana Lima, ana@site.com, YouTube, 40k, organic videos, yes you may store it");
    const declined = await visitor.say('no');
    expect(declined.reply).toContain('I have not submitted anything');
    expect(eventsOf(declined, 'action-completed')).toHaveLength(0);
    expect(service.container.leads.findByConversation(visitor.conversationId, 'affiliate-application')).toBeNull();
  });

  it('answers a second submit in the same conversation with the first lead', async () => {
    service.container.chat.setModel(createScriptedModel([call(FULL), call(FULL)]));
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say("I'm Ana Lima, ana@site.com, YouTube, 40k, organic videos, yes you may store it");
    const first = eventsOf(await visitor.say('yes'), 'action-completed')[0];
    await visitor.say('Please submit my application again: Ana Lima, ana@site.com, YouTube, 40k, organic, yes you may store it');
    const again = await visitor.say('yes');
    const second = eventsOf(again, 'action-completed')[0];
    expect(second.leadId).toBe(first.leadId);
    expect(again.reply).toContain('already submitted');
    const count = service.container.db.prepare('SELECT COUNT(*) AS n FROM leads').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('treats an unknown tool or malformed arguments as a readable result, and ends the turn gracefully when it repeats', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ name: 'delete_everything', argumentsText: '{}' }] },
      { text: 'Sorry about that. What is your name?' },
      { toolCalls: [{ name: 'affiliate_application', argumentsText: '{"name": "Ana' }] },
      { toolCalls: [{ name: 'nope', argumentsText: '{}' }] },
    ]);
    service.container.chat.setModel(model);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const recovered = await visitor.say('I want to apply');
    expect((model.requests[1].messages.at(-1) as { content: string }).content).toContain("Unknown tool 'delete_everything'. Available tools: affiliate_application");
    expect(recovered.reply).toBe('Sorry about that. What is your name?');
    const gaveUp = await visitor.say('Ana');
    expect(model.requests).toHaveLength(4);
    expect((model.requests[3].messages.at(-1) as { content: string }).content).toContain('not valid JSON');
    // The turn is answered on the offline engine instead of an apology (visitors get no traces).
    expect(gaveUp.reply).not.toContain('Sorry, something went wrong on my side');
    expect(gaveUp.reply.length).toBeGreaterThan(0);
    expect(gaveUp.events.at(-1)?.type).toBe('message-end');
  });

  it('gives the model the retrieved docs with ids and sends the citations its answer uses', async () => {
    await service.request('PATCH', `/v1/agents/${agentId}`, { knowledgeSetIds: ['kset_faq'], allowedOrigins: ['https://shop.example'] });
    jest.spyOn(service.container.knowledge, 'retrieve').mockResolvedValue([
      { chunkId: 'c1', sourceId: 's1', title: 'Affiliate FAQ', url: 'https://shop.example/faq', headingPath: [], text: 'We pay 20% per sale.', score: 2, relevance: 0.9 },
      { chunkId: 'c2', sourceId: 's2', title: 'Terms', url: 'https://shop.example/terms', headingPath: [], text: 'Cookies last 30 days.', score: 1, relevance: 0.5 },
    ] as never);
    const model = createScriptedModel([{ text: 'We pay 20% on every sale [S1].' }]);
    service.container.chat.setModel(model);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('How much commission do you pay?');
    expect(model.requests[0].messages[0].content).toContain('[S1] Affiliate FAQ (https://shop.example/faq)\nWe pay 20% per sale.');
    expect(eventsOf(turn, 'citations')).toEqual([{ citations: [{ id: 'S1', title: 'Affiliate FAQ', url: 'https://shop.example/faq' }] }]);
    expect(eventsOf(turn, 'trace')).toHaveLength(0);
  });

  it('stops a model that keeps calling tools at the step limit', async () => {
    service.container.chat.setModel(createScriptedModel([call({ name: 'Ana Lima' })], { repeatLast: true }));
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('I want to become an affiliate, I am Ana Lima');
    expect(turn.reply).not.toContain("Sorry, I couldn't finish that just now.");
    // The offline engine takes the turn over and the visitor can go on with the application.
    expect(eventsOf(turn, 'field-request')[0]).toMatchObject({ field: { key: 'email' } });
  });
});
