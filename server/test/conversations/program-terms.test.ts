import type { TestService } from '../../../tests/support/signed-client';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../../tests/fakes/openai-fake-server';
import { Visitor, eventsOf, setUpAgent, startChatService } from './support/chat-client';

/**
 * Issue 16, program facts: the owner enters the program's terms; a paraphrased question gets the
 * exact figure from the facts, cited as "Program terms", and a question on the "never promise" list
 * is declined, on the offline engine and (as a source given to the model) through the OpenAI fake.
 */
const TERMS = {
  commission: { rate: 20, type: 'percentage' },
  cookieDays: 45,
  payout: { minimum: 50, method: 'PayPal, monthly' },
  currency: 'EUR',
  neverPromise: ['guaranteed earnings'],
};

describe('program terms on the offline engine', () => {
  let service: TestService;
  let agentId: string;

  beforeAll(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
    expect((await service.request('GET', '/v1/settings/program-terms')).body.terms).toBeNull();
    const saved = await service.request('PUT', '/v1/settings/program-terms', TERMS);
    expect(saved.status).toBe(200);
  });
  afterAll(() => service.close());

  const ask = async (question: string) => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    return visitor.say(question);
  };

  it.each([
    ['how much do I make per sale?', 'Affiliates earn a 20% commission on each referred sale.'],
    ["what's the cut?", 'Affiliates earn a 20% commission on each referred sale.'],
    ['how long does the cookie last', 'The referral cookie lasts 45 days.'],
    ['when do I get paid?', 'Payouts are sent by PayPal, monthly once your balance reaches 50 EUR.'],
    ['is there a minimum payout?', 'The minimum payout is 50 EUR.'],
  ])('"%s" gets the exact figure, cited as Program terms', async (question, answer) => {
    const turn = await ask(question);
    expect(turn.reply).toContain(answer);
    expect(eventsOf(turn, 'citations')[0].citations[0]).toMatchObject({ title: 'Program terms', url: null });
  });

  it('declines a question on the never-promise list', async () => {
    const turn = await ask('Are there guaranteed earnings if I join?');
    expect(turn.reply).toContain('We cannot promise guaranteed earnings');
  });

  it('refuses terms that do not parse, naming what is accepted, and keeps the stored ones', async () => {
    const bad = await service.request('PUT', '/v1/settings/program-terms', { ...TERMS, commission: { rate: 20, type: 'percent' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('expected percentage or flat');
    expect((await service.request('GET', '/v1/settings/program-terms')).body.terms.commission).toEqual({ rate: 20, type: 'percentage' });
    expect((await service.request('GET', '/v1/settings/program-terms', undefined, { capabilities: ['aa_review_leads'] })).status).toBe(403);
  });
});

describe('program terms on the provider path (OpenAI fake)', () => {
  let fake: FakeOpenAIServer;
  let service: TestService;
  let agentId: string;

  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
    service = await startChatService({ AA_OPENAI_API_KEY: 'sk-test', AA_OPENAI_BASE_URL: fake.baseUrl, AA_OPENAI_MODEL: 'fake-model' });
    agentId = await setUpAgent(service);
    await service.request('PUT', '/v1/settings/program-terms', TERMS);
  });
  afterAll(async () => {
    await service.close();
    await fake.close();
  });

  it('gives the model the fact as a cited source, and the citation reaches the visitor', async () => {
    fake.script({ text: 'You earn 20% on every sale [S1].' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('what is the cut per sale?');
    const prompt = JSON.stringify(fake.requests[0].messages);
    expect(prompt).toContain('Affiliates earn a 20% commission on each referred sale.');
    expect(prompt).toContain('Program terms');
    expect(eventsOf(turn, 'citations')[0].citations[0]).toMatchObject({ id: 'S1', title: 'Program terms' });
  });

  it('corrects a wrong figure from the model with the exact sentence and its citation', async () => {
    fake.script({ text: 'You get 30% of every sale and the cookie lasts 90 days.' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('how much do I make per sale?');
    expect(turn.reply).toContain('You get 30% of every sale');
    expect(turn.reply).toContain('To be exact: Affiliates earn a 20% commission on each referred sale. [S1]');
    expect(eventsOf(turn, 'citations')[0].citations[0]).toMatchObject({ id: 'S1', title: 'Program terms' });
  });

  it('leaves a right answer alone', async () => {
    fake.script({ text: 'The cookie lasts 45 days [S1].' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('how long does the cookie last?');
    expect(turn.reply).toBe('The cookie lasts 45 days [S1].');
  });

  it('declines a never-promise question even when the model promises', async () => {
    fake.script({ text: 'Yes, earnings are guaranteed!' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('Do you offer guaranteed earnings?');
    expect(turn.reply).toContain('We cannot promise guaranteed earnings: what an affiliate earns depends on the sales they refer. [S1]');
  });
});
