import type { TestService } from '../../../tests/support/signed-client';
import { Visitor, eventsOf, setUpAgent, startChatService } from './support/chat-client';

const PAYOUT_PASSAGE = {
  chunkId: 'chk_1',
  sourceId: 'src_1',
  title: 'Affiliate FAQ',
  url: 'https://shop.example/affiliate-faq',
  headingPath: ['Payouts'],
  text: 'We pay a 20% commission on every sale. Payouts are sent monthly by PayPal once you reach $50.',
  score: 3.2,
  relevance: 0.8,
};

describe('conversations on the offline engine (no API key)', () => {
  let service: TestService;
  let agentId: string;

  beforeEach(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service, { knowledgeSetIds: ['kset_faq'] });
    expect(service.container.chat.model()).toBeNull();
  });
  afterEach(() => service.close());

  const leadCount = () => (service.container.db.prepare('SELECT COUNT(*) AS n FROM leads').get() as { n: number }).n;

  /** Answers the seeded application one field at a time, as the offline engine asks. */
  async function fillApplication(visitor: Visitor, answers: Partial<Record<string, string>> = {}) {
    const script = { name: 'Ana Lima', email: 'ana@site.com', platform: 'YouTube', audience_size: '150k', traffic_source: 'mostly SEO', website: 'https://youtube.com/@ana', consent: 'yes', ...answers };
    let turn = await visitor.say('I want to become an affiliate');
    for (let step = 0; step < 12; step += 1) {
      const asked = eventsOf(turn, 'field-request')[0]?.field.key as keyof typeof script | undefined;
      if (!asked) return turn;
      turn = await visitor.say(script[asked] ?? 'skip');
    }
    return turn;
  }

  it('completes the affiliate application and stores a scored, tagged, routed lead', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start({ url: 'https://shop.example/partners', utm: { campaign: 'spring' } });
    const opened = await visitor.say('I want to become an affiliate');
    expect(eventsOf(opened, 'field-request')[0].field).toEqual({ key: 'name', label: 'Name', type: 'text', question: 'What is your name?' });
    expect(opened.events.at(-1)).toMatchObject({ type: 'message-end', data: { usage: { engine: 'offline' } } });

    const confirmation = await fillApplication(visitor);
    const summary = eventsOf(confirmation, 'confirmation-request')[0].summary;
    expect(summary).toEqual(expect.arrayContaining([{ key: 'audience_size', label: 'Audience size', value: '150,000' }, { key: 'email', label: 'Email', value: 'ana@site.com' }]));
    expect(leadCount()).toBe(0);

    const done = await visitor.say('yes');
    const completed = eventsOf(done, 'action-completed')[0];
    expect(completed.leadId).toMatch(/^lead_/);
    expect(done.reply).toBe('Thanks Ana Lima! Your application is in. We will email you at ana@site.com once it has been reviewed.');
    const lead = service.container.leads.get(completed.leadId);
    expect(lead).toMatchObject({ email: 'ana@site.com', route: 'priority', conversationId: visitor.conversationId, source: { pageUrl: 'https://shop.example/partners', utm: { campaign: 'spring' } } });
    expect(lead.score).toBe(75);
    expect(lead.tags).toEqual(expect.arrayContaining(['influencer', 'top partner']));
    const usage = await service.request('GET', `/v1/usage?agentId=${agentId}`);
    const visitorMessages = service.container.getTranscript(visitor.conversationId).messages.filter((message) => message.role === 'user').length;
    expect(usage.body.usage.days[0].offline.responses).toBe(visitorMessages);
    expect(usage.body.usage.days[0].provider.responses).toBe(0);
  });

  it('asks again for an invalid email and takes the corrected one', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say('I want to apply to the affiliate program');
    await visitor.say('Ana Lima');
    const invalid = await visitor.say('my email is ana@site');
    expect(invalid.reply).toContain('Email must be an email address');
    expect(eventsOf(invalid, 'field-request')[0].field.key).toBe('email');
    const fixed = await visitor.say('ana@site.com');
    expect(eventsOf(fixed, 'field-request')[0].field.key).toBe('platform');
    expect(service.container.conversations.get(visitor.conversationId).state.draft?.values.email).toBe('ana@site.com');
  });

  it('stores nothing when consent is refused', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const refused = await fillApplication(visitor, { consent: 'no, I do not agree' });
    expect(refused.reply).toContain("can't submit the affiliate application without your agreement");
    expect(eventsOf(refused, 'confirmation-request')).toHaveLength(0);
    expect(leadCount()).toBe(0);
  });

  it('answers a program question from the docs in the middle of an application, then asks the field again', async () => {
    jest.spyOn(service.container.knowledge, 'retrieve').mockResolvedValue([PAYOUT_PASSAGE] as never);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say('I want to become an affiliate');
    await visitor.say('Ana Lima');
    const question = await visitor.say('How much commission do you pay?');
    expect(question.reply).toContain('We pay a 20% commission on every sale.');
    expect(question.reply).toContain('[S1]');
    expect(eventsOf(question, 'citations')[0]).toEqual({ citations: [{ id: 'S1', title: 'Affiliate FAQ', url: 'https://shop.example/affiliate-faq' }] });
    expect(eventsOf(question, 'field-request')[0].field.key).toBe('email');
    const transcript = service.container.getTranscript(visitor.conversationId);
    expect(transcript.messages.at(-1)?.citations).toEqual([{ id: 'S1', title: 'Affiliate FAQ', url: 'https://shop.example/affiliate-faq' }]);
    expect(eventsOf(await visitor.say('ana@site.com'), 'field-request')[0].field.key).toBe('platform');
  });

  it('answers with the fallback message when nothing in the docs matches', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('What is the weather like on Mars?');
    expect(turn.reply).toContain('contact page');
  });

  it('executes nothing when the confirmation is declined', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const confirm = await fillApplication(visitor);
    expect(eventsOf(confirm, 'confirmation-request')).toHaveLength(1);
    const declined = await visitor.say('cancel');
    expect(declined.reply).toContain('nothing was sent');
    expect(eventsOf(declined, 'action-completed')).toHaveLength(0);
    expect(leadCount()).toBe(0);
  });

  it('does not create a second lead when the same application is submitted twice', async () => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await fillApplication(visitor);
    const first = eventsOf(await visitor.say('yes'), 'action-completed')[0];
    const again = await fillApplication(visitor);
    const second = eventsOf(again, 'confirmation-request').length ? eventsOf(await visitor.say('yes'), 'action-completed')[0] : null;
    expect(first.leadId).toMatch(/^lead_/);
    if (second) expect(second.leadId).toBe(first.leadId);
    expect(leadCount()).toBe(1);
  });
});
