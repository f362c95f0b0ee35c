import type { TestService } from '../../../tests/support/signed-client';
import { Visitor, setUpAgent, startChatService } from './support/chat-client';
import { loadFixtureCorpus } from '../knowledge/fixture-corpus';

/**
 * Strict docs-only mode on the offline engine, through the real chat API and the real retrieval
 * over the Brightleaf fixture corpus: a question the docs do not answer is declined politely (never
 * the fallback message), and an answer is a quote of the retrieved passage with its citation.
 */
const OFF_TOPIC = 'What is the weather like on Mars?';
const FALLBACK = 'Write to partners@brightleaf.example and we will find out.';

describe('strict docs-only mode on the offline engine', () => {
  let service: TestService;
  let setId: string;

  beforeAll(async () => {
    service = await startChatService();
    setId = service.container.knowledge.createSet({ name: 'Brightleaf program' }).id;
    await loadFixtureCorpus(service.container.knowledge, setId);
    expect(service.container.chat.model()).toBeNull();
  });
  afterAll(() => service.close());

  async function ask(settings: Record<string, unknown>, question: string): Promise<string> {
    const visitor = new Visitor(service, await setUpAgent(service, { knowledgeSetIds: [setId], ...settings }));
    await visitor.start();
    return (await visitor.say(question)).reply;
  }

  it('declines a question the docs do not answer, naming only the configured contact, never the built-in fallback', async () => {
    const strict = await ask({ strictDocs: true, contactUrl: 'https://brightleaf.example/contact' }, OFF_TOPIC);
    expect(strict).toContain("found nothing there about that, so I'd rather not guess");
    expect(strict).toContain('https://brightleaf.example/contact');
    expect(strict).toContain('I can also help you apply.');
    expect(strict).not.toContain('contact page');
    expect(await ask({ strictDocs: true }, OFF_TOPIC)).not.toMatch(/https?:\/\/|contact page/);
    // Without strict mode the built-in fallback message is the answer, as before.
    expect(await ask({ strictDocs: false }, OFF_TOPIC)).toContain('contact page');
  });

  it("declines with the owner's own fallback message when they wrote one", async () => {
    const strict = await ask({ strictDocs: true, fallbackMessage: FALLBACK }, OFF_TOPIC);
    expect(strict).toContain("I'd rather not guess");
    expect(strict).toContain(FALLBACK);
    expect(strict).not.toContain('I can also help you apply.');
  });

  it('answers a question the docs do answer with a quote of the retrieved passage and its citation', async () => {
    const question = 'When do you pay affiliates?';
    const reply = await ask({ strictDocs: true }, question);
    const cited = /^(.*) \[S1\]$/s.exec(reply.trim());
    expect(cited).not.toBeNull();
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 5 });
    const passage = hits[0].text.replace(/\s+/g, ' ');
    expect(passage).toContain(cited![1].replace(/…$/, ''));
  });
});
