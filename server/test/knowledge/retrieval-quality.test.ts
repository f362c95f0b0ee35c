import { startTestService, type TestService } from '../../../tests/support/signed-client';
import { fixtureQuestions, loadFixtureCorpus } from './fixture-corpus';

/**
 * Retrieval quality on the Brightleaf Outdoors fixture corpus (tests/fixtures/knowledge): each
 * question names a snippet one of the top three chunks must contain. Runs through the real
 * container, so queries go through the worker-thread pool on the service's SQLite file.
 */
describe('knowledge retrieval quality', () => {
  // Each service starts its retrieval worker on the first query; generous on a busy CI machine.
  jest.setTimeout(30_000);

  let service: TestService;
  let setId: string;

  beforeAll(async () => {
    service = await startTestService();
    setId = service.container.knowledge.createSet({ name: 'Brightleaf program' }).id;
    await loadFixtureCorpus(service.container.knowledge, setId);
  });
  afterAll(() => service.close());

  const textOf = (hit: { title: string; headingPath: string[]; text: string }) => [hit.title, ...hit.headingPath, hit.text].join('\n').toLowerCase();

  it('finds the chunk that answers at least 90% of the program questions within the top 3', async () => {
    const { questions } = fixtureQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(30);
    const misses: string[] = [];
    for (const { question, mustContain } of questions) {
      const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 3 });
      if (!hits.some((hit) => textOf(hit).includes(mustContain.toLowerCase()))) misses.push(question);
    }
    const hitRate = (questions.length - misses.length) / questions.length;
    // Printed so a drop is easy to diagnose from the test log.
    if (misses.length > 0) process.stdout.write(`knowledge hit rate@3 = ${hitRate.toFixed(3)}; missed: ${misses.join(' | ')}\n`);
    expect(hitRate).toBeGreaterThanOrEqual(0.9);
  });

  it('judges every program question relevant, so strict mode answers them', async () => {
    const { questions } = fixtureQuestions();
    for (const { question } of questions) {
      const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 3 });
      expect({ question, relevant: service.container.knowledge.isRelevant(hits) }).toEqual({ question, relevant: true });
    }
  });

  it('judges off-topic questions not relevant, so strict mode declines them', async () => {
    for (const question of fixtureQuestions().offTopic) {
      const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: question, limit: 3 });
      expect({ question, relevant: service.container.knowledge.isRelevant(hits) }).toEqual({ question, relevant: false });
      expect(service.container.knowledge.bestPassage(hits, question)).toBeNull();
    }
  });

  it('gives the offline engine a short extractive passage with its link', async () => {
    const query = 'What is the minimum payout?';
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query, limit: 3 });
    const passage = service.container.knowledge.bestPassage(hits, query);
    expect(passage).toEqual(
      expect.objectContaining({ title: 'Affiliate Payout Policy', url: 'https://brightleaf.example/payout-policy/', headingPath: ['Minimum Payout Threshold'] }),
    );
    expect(passage!.text).toContain('minimum payout is $50');
    expect(passage!.text.length).toBeLessThanOrEqual(420);
  });

  it('returns hits with scores, source ids and heading paths, best first', async () => {
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: 'How long does the cookie last?', limit: 5 });
    expect(hits[0]).toEqual(
      expect.objectContaining({
        chunkId: expect.stringMatching(/^kch_/),
        sourceId: expect.stringMatching(/^ksrc_/),
        title: 'Brightleaf Outdoors Affiliate Program Terms',
        url: 'https://brightleaf.example/affiliate-terms/',
        headingPath: ['Cookie Duration and Attribution'],
      }),
    );
    const scores = hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('treats question text as words, never as FTS5 syntax', async () => {
    for (const query of ['"unbalanced quote', 'commission AND OR NOT', 'cookie* NEAR(payout', '(((', '-', 'title:secret']) {
      await expect(service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query, limit: 3 })).resolves.toEqual(expect.any(Array));
    }
  });

  it('only searches the knowledge sets it is given', async () => {
    const other = service.container.knowledge.createSet({ name: 'Empty set' });
    await expect(service.container.knowledge.retrieve({ knowledgeSetIds: [other.id], query: 'commission rate', limit: 3 })).resolves.toEqual([]);
    await expect(service.container.knowledge.retrieve({ knowledgeSetIds: [], query: 'commission rate', limit: 3 })).resolves.toEqual([]);
  });
});
