import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../../tests/fakes/openai-fake-server';
import { startTestService, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';
import { Visitor, eventsOf, setUpAgent } from '../conversations/support/chat-client';
import { fixtureSiteContent, uploadOf } from './fixture-corpus';
import { startContentFake, type ContentFake } from './wordpress-content-fake';

/**
 * The "done when": an admin adds an FAQ, a Markdown file and site pages; a visitor's
 * question is answered from them with citations, through the fake OpenAI model and through the
 * offline engine; an off-topic question in strict mode is declined politely.
 */
async function addProgramKnowledge(service: TestService, wordpress: ContentFake): Promise<string> {
  const setId = (await service.request('POST', '/v1/knowledge/sets', { name: 'Brightleaf program', wordpress: { types: ['page'] } })).body.knowledgeSet.id;
  await service.request('POST', `/v1/knowledge/sets/${setId}/sources`, {
    kind: 'faq',
    question: 'How long does it take to get approved?',
    answer: 'We review every application by hand within 3 business days.',
    url: 'https://brightleaf.example/faq/',
  });
  await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { ...uploadOf('program-terms.md', 'text/markdown'), url: 'https://brightleaf.example/affiliate-terms/' });
  // The fake site listens on loopback, which the SSRF guard refuses unless the owner allow-lists it.
  service.container.settings.set('delivery', { network: { allowHosts: [new URL(wordpress.siteUrl).host] } });
  const sync = await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, { siteUrl: wordpress.siteUrl });
  expect(sync.status).toBe(200);
  return setId;
}

describe('grounded answers with citations', () => {
  // Each service starts its retrieval worker on the first query; generous on a busy CI machine.
  jest.setTimeout(30_000);

  let wordpress: ContentFake;
  let service: TestService | undefined;
  let model: FakeOpenAIServer | undefined;

  beforeEach(async () => {
    wordpress = await startContentFake(TEST_SECRET);
    wordpress.items = fixtureSiteContent();
  });
  afterEach(async () => {
    await service?.close();
    await model?.close();
    await wordpress.close();
    service = undefined;
    model = undefined;
  });

  it('answers from the docs through the OpenAI-compatible model, and the stream carries the citation', async () => {
    model = await startFakeOpenAIServer();
    service = await startTestService({ environment: { AA_OPENAI_API_KEY: 'sk-test', AA_OPENAI_BASE_URL: model.baseUrl, AA_OPENAI_MODEL: 'fake-model' } });
    const setId = await addProgramKnowledge(service, wordpress);
    const agentId = await setUpAgent(service, { knowledgeSetIds: [setId], strictDocs: true });
    model.script((body) => {
      const system = body.messages[0].content ?? '';
      const source = /\[(S\d+)\] Brightleaf Outdoors Affiliate Program Terms/.exec(system);
      return { text: source ? `The cookie lasts 45 days [${source[1]}].` : 'I do not know.' };
    });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('How long does the cookie last?');
    expect(turn.reply).toMatch(/^The cookie lasts 45 days \[S\d\]\.$/);
    expect(model.requests[0].messages[0].content).toContain('tracking cookie is stored in their browser for 45 days');
    expect(eventsOf(turn, 'citations')[0].citations).toEqual([
      expect.objectContaining({ title: 'Brightleaf Outdoors Affiliate Program Terms', url: 'https://brightleaf.example/affiliate-terms/' }),
    ]);
  });

  it('gives the model the synced site page when the question is about it', async () => {
    model = await startFakeOpenAIServer();
    service = await startTestService({ environment: { AA_OPENAI_API_KEY: 'sk-test', AA_OPENAI_BASE_URL: model.baseUrl, AA_OPENAI_MODEL: 'fake-model' } });
    const setId = await addProgramKnowledge(service, wordpress);
    const agentId = await setUpAgent(service, { knowledgeSetIds: [setId] });
    model.script({ text: 'Your affiliate manager is Dana Whitfield [S1].' });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('Who is my affiliate manager?');
    expect(model.requests[0].messages[0].content).toMatch(/\[S1\] Become a Brightleaf Affiliate \(https:\/\/brightleaf\.example\/affiliates\/\)/);
    expect(eventsOf(turn, 'citations')[0].citations[0]).toEqual(expect.objectContaining({ title: 'Become a Brightleaf Affiliate', url: 'https://brightleaf.example/affiliates/' }));
  });

  it('answers extractively on the offline engine, citing the FAQ it used', async () => {
    service = await startTestService();
    const setId = await addProgramKnowledge(service, wordpress);
    const agentId = await setUpAgent(service, { knowledgeSetIds: [setId], strictDocs: true });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('How long does approval take?');
    expect(turn.reply).toContain('within 3 business days');
    expect(eventsOf(turn, 'citations')[0].citations[0]).toEqual(expect.objectContaining({ title: 'How long does it take to get approved?', url: 'https://brightleaf.example/faq/' }));
  });

  it('declines an off-topic question in strict mode with the fallback message, citing nothing', async () => {
    service = await startTestService();
    const setId = await addProgramKnowledge(service, wordpress);
    const fallbackMessage = "I can only help with the Brightleaf affiliate program. For anything else, please use our contact page.";
    const agentId = await setUpAgent(service, { knowledgeSetIds: [setId], strictDocs: true, fallbackMessage });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('What is the capital of France?');
    expect(turn.reply).toContain(fallbackMessage);
    expect(eventsOf(turn, 'citations')).toEqual([]);
  });

  it('tells the model in strict mode that no documentation matched an off-topic question', async () => {
    model = await startFakeOpenAIServer();
    service = await startTestService({ environment: { AA_OPENAI_API_KEY: 'sk-test', AA_OPENAI_BASE_URL: model.baseUrl, AA_OPENAI_MODEL: 'fake-model' } });
    const setId = await addProgramKnowledge(service, wordpress);
    const agentId = await setUpAgent(service, { knowledgeSetIds: [setId], strictDocs: true });
    model.script({ text: "I'm not sure about that one." });
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    await visitor.say('Write me a poem about the ocean');
    expect(model.requests[0].messages[0].content).toContain('No documentation matched this message');
  });
});
