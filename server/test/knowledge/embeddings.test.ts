import { startEmbeddingsFake, type EmbeddingsFake } from '../../../tests/fakes/openai-embeddings-fake';
import { startTestService, type TestService } from '../../../tests/support/signed-client';
import { loadFixtureCorpus } from './fixture-corpus';

/**
 * Optional embeddings: the real `openai` SDK against a local OpenAI-compatible fake, vectors stored
 * in SQLite once per chunk content, fused with BM25; a failing endpoint leaves BM25 answering.
 */
describe('knowledge with embeddings', () => {
  // Each service starts its retrieval worker on the first query; generous on a busy CI machine.
  jest.setTimeout(30_000);

  let embeddings: EmbeddingsFake;
  let service: TestService;
  let setId: string;

  beforeAll(async () => {
    embeddings = await startEmbeddingsFake();
    // The knowledge domain reads its own variables from the environment when the container is built.
    process.env.AA_EMBEDDINGS_MODEL = 'fake-embed-small';
    process.env.AA_EMBEDDINGS_DIMENSIONS = '256';
    service = await startTestService({ environment: { AA_OPENAI_BASE_URL: embeddings.baseUrl, AA_OPENAI_API_KEY: 'sk-test-embeddings' } });
    delete process.env.AA_EMBEDDINGS_MODEL;
    delete process.env.AA_EMBEDDINGS_DIMENSIONS;
    setId = service.container.knowledge.createSet({ name: 'Program' }).id;
    await loadFixtureCorpus(service.container.knowledge, setId);
    await service.container.knowledge.embedPending();
  });
  afterAll(async () => {
    await service.close();
    await embeddings.close();
  });

  const storedVectors = () => (service.container.db.prepare('SELECT COUNT(*) AS count FROM knowledge_embeddings').get() as { count: number }).count;
  const distinctChunkContents = () => (service.container.db.prepare('SELECT COUNT(DISTINCT content_hash) AS count FROM knowledge_chunks').get() as { count: number }).count;

  it('stores one vector per distinct chunk content, asked for with the configured model and dimensions', () => {
    expect(service.container.knowledge.embeddingsEnabled).toBe(true);
    expect(storedVectors()).toBe(distinctChunkContents());
    expect(embeddings.inputs).toHaveLength(distinctChunkContents());
    expect(embeddings.requests[0]).toEqual({ model: 'fake-embed-small', dimensions: 256, authorization: 'Bearer sk-test-embeddings' });
  });

  it('never embeds the same content twice, even in another set', async () => {
    const before = embeddings.inputs.length;
    const copy = service.container.knowledge.createSet({ name: 'Copy' }).id;
    service.container.knowledge.addFaq(copy, { kind: 'faq', question: 'Does it cost anything to join?', answer: 'No. Joining the Brightleaf Outdoors affiliate program is free, and there are no monthly fees or sales quotas.' });
    await service.container.knowledge.embedPending();
    expect(embeddings.inputs.length).toBe(before);
  });

  it('finds a chunk by meaning when no word of the question is in it', async () => {
    // "income" is in no lexical synonym group (program-synonyms.ts): only the vectors can find it.
    const query = 'What income do I get?';
    const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query, limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].headingPath.join(' ')).toMatch(/Commission/);
    expect(hits[0].text.toLowerCase()).not.toMatch(/\bincome\b/);
  });

  it('keeps answering with BM25 when the embeddings endpoint fails', async () => {
    embeddings.setFailing(true);
    try {
      const hits = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: 'Is there a hold on my first payout?', limit: 3 });
      expect(hits[0].text).toContain('30-day hold');
      const faq = service.container.knowledge.addFaq(setId, { kind: 'faq', question: 'Can I use two referral links on one page?', answer: 'Yes, as many as you like.' });
      expect(faq.status).toBe('indexed');
      await expect(service.container.knowledge.embedPending()).resolves.toBe(0);
      const found = await service.container.knowledge.retrieve({ knowledgeSetIds: [setId], query: 'two referral links on one page', limit: 3 });
      expect(found[0].sourceId).toBe(faq.id);
    } finally {
      embeddings.setFailing(false);
    }
    // Once the endpoint is back, the missing vector is filled in.
    await expect(service.container.knowledge.embedPending()).resolves.toBe(1);
    expect(storedVectors()).toBe(distinctChunkContents());
  });

  it('removes the vectors of deleted content', async () => {
    const faq = service.container.knowledge.addFaq(setId, { kind: 'faq', question: 'Do you ship to Iceland?', answer: 'Yes, with a 10-day delivery window.' });
    await service.container.knowledge.embedPending();
    const withFaq = storedVectors();
    service.container.knowledge.removeSource(faq.id);
    expect(storedVectors()).toBe(withFaq - 1);
  });
});
