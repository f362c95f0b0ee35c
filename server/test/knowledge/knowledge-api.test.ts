import { startTestService, type TestService } from '../../../tests/support/signed-client';
import { readFixture, uploadOf } from './fixture-corpus';
import { minimalPdf } from './minimal-pdf';

/** The admin API for knowledge, over real signed HTTP requests to the in-process service. */
describe('knowledge admin API', () => {
  // Each service starts its retrieval worker on the first query; generous on a busy CI machine.
  jest.setTimeout(30_000);

  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  async function createSet(name = 'Program docs'): Promise<string> {
    const response = await service.request('POST', '/v1/knowledge/sets', { name });
    expect(response.status).toBe(201);
    return response.body.knowledgeSet.id as string;
  }

  const search = async (knowledgeSetIds: string[], query: string) =>
    (await service.request('POST', '/v1/knowledge/search-preview', { knowledgeSetIds, query })).body;

  function countRows(sql: string, ...parameters: unknown[]): number {
    return (service.container.db.prepare(sql).get(...parameters) as { count: number }).count;
  }

  it('creates, lists, renames and deletes knowledge sets', async () => {
    const created = await service.request('POST', '/v1/knowledge/sets', { name: 'Terms', description: 'Program terms' });
    expect(created.status).toBe(201);
    expect(created.body.knowledgeSet).toEqual(expect.objectContaining({ id: expect.stringMatching(/^ks_/), name: 'Terms', sourceCount: 0, chunkCount: 0, wordpress: null }));
    const id = created.body.knowledgeSet.id;
    expect((await service.request('GET', '/v1/knowledge/sets')).body.knowledgeSets.map((set: { id: string }) => set.id)).toContain(id);
    const renamed = await service.request('PATCH', `/v1/knowledge/sets/${id}`, { name: 'Program terms' });
    expect(renamed.body.knowledgeSet.name).toBe('Program terms');
    expect((await service.request('DELETE', `/v1/knowledge/sets/${id}`)).status).toBe(204);
    expect((await service.request('GET', `/v1/knowledge/sets/${id}`)).status).toBe(404);
  });

  it('explains what a knowledge set needs when the input is wrong', async () => {
    const response = await service.request('POST', '/v1/knowledge/sets', { name: '' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('a knowledge set needs a name');
  });

  it('indexes an FAQ entry at once and finds it with a score', async () => {
    const setId = await createSet();
    const added = await service.request('POST', `/v1/knowledge/sets/${setId}/sources`, {
      kind: 'faq',
      question: 'Do you pay commission on subscriptions?',
      answer: 'Yes, you earn 8% on the first twelve months of every subscription you refer.',
    });
    expect(added.status).toBe(201);
    expect(added.body.source).toEqual(expect.objectContaining({ kind: 'faq', status: 'indexed', chunkCount: 1, failureReason: null, lastSyncedAt: expect.any(String) }));
    const preview = await search([setId], 'commission on subscriptions');
    expect(preview.relevant).toBe(true);
    expect(preview.hits[0]).toEqual(expect.objectContaining({ sourceId: added.body.source.id, title: 'Do you pay commission on subscriptions?', headingPath: [], score: expect.any(Number) }));
    expect(preview.hits[0].text).toContain('twelve months');
  });

  it('indexes an uploaded Markdown file by heading and keeps the heading path on each chunk', async () => {
    const setId = await createSet();
    const upload = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { ...uploadOf('program-terms.md', 'text/markdown'), url: 'https://brightleaf.example/terms/' });
    expect(upload.status).toBe(201);
    expect(upload.body.source).toEqual(expect.objectContaining({ kind: 'file', title: 'Brightleaf Outdoors Affiliate Program Terms', status: 'indexed', url: 'https://brightleaf.example/terms/' }));
    expect(upload.body.source.chunkCount).toBeGreaterThanOrEqual(8);
    const detail = await service.request('GET', `/v1/knowledge/sources/${upload.body.source.id}`);
    const headingPaths = detail.body.chunks.map((chunk: { headingPath: string[] }) => chunk.headingPath.join(' > '));
    expect(headingPaths).toEqual(expect.arrayContaining(['Commission Rates', 'Cookie Duration and Attribution', 'Returns and Reversed Commissions']));
    expect(detail.body.chunks.every((chunk: { url: string }) => chunk.url === 'https://brightleaf.example/terms/')).toBe(true);
  });

  it('strips scripts, styles, navigation, header, footer and sidebar from uploaded HTML', async () => {
    const setId = await createSet();
    const upload = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, uploadOf('payout-policy.html', 'text/html'));
    expect(upload.body.source).toEqual(expect.objectContaining({ title: 'Affiliate Payout Policy', status: 'indexed' }));
    const { chunks } = (await service.request('GET', `/v1/knowledge/sources/${upload.body.source.id}`)).body;
    const allText = chunks.map((chunk: { text: string }) => chunk.text).join('\n');
    expect(allText).toContain('The minimum payout is $50.');
    expect(allText).toContain('Settings → Payouts');
    for (const noise of ['dataLayer', 'font-family', 'Shop tents', 'Free shipping over', 'Popular products', 'All rights reserved', "console.log"]) {
      expect(allText).not.toContain(noise);
    }
  });

  it('extracts the text of an uploaded PDF', async () => {
    const setId = await createSet();
    const pdf = minimalPdf(['Payout methods', 'Partners can be paid through Wise transfers in 40 currencies.']);
    const upload = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'payouts.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') });
    expect(upload.status).toBe(201);
    expect(upload.body.source).toEqual(expect.objectContaining({ status: 'indexed', failureReason: null }));
    expect((await search([setId], 'Wise transfers')).hits[0].text).toContain('Wise transfers in 40 currencies');
  });

  it('records an unreadable PDF as failed with the reason, instead of losing it', async () => {
    const setId = await createSet();
    const upload = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'broken.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 not really').toString('base64') });
    expect(upload.status).toBe(201);
    expect(upload.body.source).toEqual(expect.objectContaining({ status: 'failed', chunkCount: 0, failureReason: expect.stringContaining('could not be read') }));
    const sources = (await service.request('GET', `/v1/knowledge/sets/${setId}/sources`)).body.sources;
    expect(sources).toEqual([expect.objectContaining({ status: 'failed' })]);
  });

  it('refuses file types it cannot index, naming the accepted ones', async () => {
    const setId = await createSet();
    const response = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'terms.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentBase64: 'UEsDBBQ=' });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_file_type');
    expect(response.body.error.message).toContain('Markdown (.md)');
  });

  it('refuses files over 5 MB with a clear message, though the body is above the general 1 MB limit', async () => {
    const setId = await createSet();
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a').toString('base64');
    const response = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'huge.txt', contentType: 'text/plain', contentBase64: big });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('file_too_large');
    expect(response.body.error.message).toContain('at most 5 MB');
  });

  it('accepts a file larger than the general 1 MB body limit on the upload route', async () => {
    const setId = await createSet();
    const paragraph = 'Partners in the Nordic region are paid in euros by SEPA transfer.\n\n';
    const text = Array.from({ length: (1.2 * 1024 * 1024) / paragraph.length }, (_, index) => (index % 40 === 0 ? `# Region ${index}\n\n` : '') + paragraph).join('');
    const response = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'regions.txt', contentType: 'text/plain', contentBase64: Buffer.from(text).toString('base64') });
    expect(response.status).toBe(201);
    expect(response.body.source.status).toBe('indexed');
  }, 30_000);

  it('reflects an edited FAQ answer in retrieval immediately, with no trace of the old text', async () => {
    const setId = await createSet();
    const faq = (await service.request('POST', `/v1/knowledge/sets/${setId}/sources`, { kind: 'faq', question: 'What is the cookie duration?', answer: 'Our referral cookie lasts 30 days.' })).body.source;
    expect((await search([setId], 'cookie duration')).hits[0].text).toContain('30 days');
    const updated = await service.request('PATCH', `/v1/knowledge/sources/${faq.id}`, { answer: 'Our referral cookie lasts 90 days since the November update.' });
    expect(updated.body.source.status).toBe('indexed');
    const hits = (await search([setId], 'cookie duration')).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0].text).toContain('90 days');
    expect((await search([setId], 'November update')).hits).toHaveLength(1);
  });

  it('does not reprocess a source whose content did not change', async () => {
    const setId = await createSet();
    const faq = (await service.request('POST', `/v1/knowledge/sets/${setId}/sources`, { kind: 'faq', question: 'Is there a sign-up fee?', answer: 'No, joining is free.' })).body.source;
    const chunkIds = () => service.container.knowledge.chunksOfSource(faq.id).map((chunk) => chunk.id);
    const before = chunkIds();
    const again = await service.request('PATCH', `/v1/knowledge/sources/${faq.id}`, { answer: 'No, joining is free.' });
    expect(again.body.source.updatedAt).toBe(faq.updatedAt);
    expect(chunkIds()).toEqual(before);
  });

  it('deletes a source with every chunk and index row, and retrieval stops finding it', async () => {
    const setId = await createSet();
    const source = (await service.request('POST', `/v1/knowledge/sets/${setId}/files`, uploadOf('prohibited-traffic.md', 'text/markdown'))).body.source;
    expect((await search([setId], 'cookie stuffing')).hits.length).toBeGreaterThan(0);
    const ftsRowsBefore = countRows('SELECT COUNT(*) AS count FROM knowledge_fts');
    expect((await service.request('DELETE', `/v1/knowledge/sources/${source.id}`)).status).toBe(204);
    expect(countRows('SELECT COUNT(*) AS count FROM knowledge_chunks WHERE source_id = ?', source.id)).toBe(0);
    expect(countRows('SELECT COUNT(*) AS count FROM knowledge_fts')).toBe(ftsRowsBefore - source.chunkCount);
    expect(countRows('SELECT COUNT(*) AS count FROM knowledge_chunks')).toBe(countRows('SELECT COUNT(*) AS count FROM knowledge_fts'));
    expect((await search([setId], 'cookie stuffing')).hits).toEqual([]);
    expect((await service.request('GET', `/v1/knowledge/sources/${source.id}`)).status).toBe(404);
  });

  it('deletes a set with all its sources and chunks, and takes it off the agents that used it', async () => {
    const setId = await createSet();
    const keptSetId = await createSet('Kept docs');
    const agent = (await service.request('POST', '/v1/agents', { name: 'Uses both sets', knowledgeSetIds: [setId, keptSetId] })).body.agent;
    await service.request('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'terms.md', contentType: 'text/markdown', contentBase64: Buffer.from(readFixture('program-terms.md')).toString('base64') });
    expect((await service.request('DELETE', `/v1/knowledge/sets/${setId}`)).status).toBe(204);
    expect((await service.request('GET', `/v1/agents/${agent.id}`)).body.agent.knowledgeSetIds).toEqual([keptSetId]);
    expect(countRows('SELECT COUNT(*) AS count FROM knowledge_chunks WHERE set_id = ?', setId)).toBe(0);
    expect(countRows('SELECT COUNT(*) AS count FROM knowledge_sources WHERE set_id = ?', setId)).toBe(0);
    expect(countRows('SELECT COUNT(*) AS count FROM knowledge_chunks')).toBe(countRows('SELECT COUNT(*) AS count FROM knowledge_fts'));
  });

  it("previews what an agent would retrieve from the agent's own knowledge sets", async () => {
    const setId = await createSet();
    await service.request('POST', `/v1/knowledge/sets/${setId}/sources`, { kind: 'faq', question: 'Which countries can join?', answer: 'Partners from any country except sanctioned ones can join.' });
    const agent = (await service.request('POST', '/v1/agents', { name: 'Program assistant', knowledgeSetIds: [setId] })).body.agent;
    const preview = await service.request('POST', '/v1/knowledge/search-preview', { agentId: agent.id, query: 'Which countries can join?' });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual(expect.objectContaining({ knowledgeSetIds: [setId], relevant: true, terms: ['countri', 'join'] }));
    expect(preview.body.hits[0]).toEqual(expect.objectContaining({ score: expect.any(Number), relevance: 1 }));
    const offTopic = await service.request('POST', '/v1/knowledge/search-preview', { agentId: agent.id, query: 'What is the capital of France?' });
    expect(offTopic.body.relevant).toBe(false);
    expect((await service.request('POST', '/v1/knowledge/search-preview', { query: 'x' })).status).toBe(400);
  });

  it('needs a signed request from a user who can manage agents', async () => {
    expect((await service.raw('GET', '/v1/knowledge/sets')).status).toBe(401);
    const reviewer = await service.request('GET', '/v1/knowledge/sets', undefined, { capabilities: ['aa_review_leads'] });
    expect(reviewer.status).toBe(403);
  });
});
