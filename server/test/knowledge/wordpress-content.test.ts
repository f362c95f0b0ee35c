import { startTestService, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';
import { fixtureSiteContent } from './fixture-corpus';
import { startContentFake, type ContentFake } from './wordpress-content-fake';

/** Site content: a signed pull through the plugin's bridge, and the plugin's push on save/delete. */
describe('knowledge from WordPress content', () => {
  // Each service starts its retrieval worker on the first query; generous on a busy CI machine.
  jest.setTimeout(30_000);

  let service: TestService;
  let wordpress: ContentFake;

  beforeEach(async () => {
    service = await startTestService();
    wordpress = await startContentFake(TEST_SECRET, { pageSize: 2 });
    wordpress.items = fixtureSiteContent().map((item) => ({ ...item }));
    // The fakes listen on loopback, which the SSRF guard refuses unless the owner allow-lists it.
    allowHosts(new URL(wordpress.siteUrl).host);
  });
  function allowHosts(...hosts: string[]) {
    const current = (service.container.settings.get<{ network?: { allowHosts?: string[] } }>('delivery') ?? {}).network?.allowHosts ?? [];
    service.container.settings.set('delivery', { network: { allowHosts: [...current, ...hosts] } });
  }
  afterEach(async () => {
    await wordpress.close();
    await service.close();
  });

  async function createSet(types = ['page', 'post', 'product']): Promise<string> {
    return (await service.request('POST', '/v1/knowledge/sets', { name: 'Site content', wordpress: { types } })).body.knowledgeSet.id;
  }
  const search = async (setId: string, query: string) => (await service.request('POST', '/v1/knowledge/search-preview', { knowledgeSetIds: [setId], query })).body.hits;

  it('pulls pages, posts and products through the signed bridge, page by page', async () => {
    const setId = await createSet();
    const sync = await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, { siteUrl: wordpress.siteUrl });
    expect(sync.status).toBe(200);
    expect(sync.body.sync).toEqual(expect.objectContaining({ created: 3, updated: 0, unchanged: 0, removed: 0, failed: 0, rejected: [] }));
    expect(wordpress.calls.map((call) => call.body.page)).toEqual([1, 2]);
    expect(wordpress.calls[0]).toEqual(expect.objectContaining({ userId: '0', capabilities: 'bridge', body: expect.objectContaining({ types: ['page', 'post', 'product'] }) }));
    const sources = (await service.request('GET', `/v1/knowledge/sets/${setId}/sources`)).body.sources;
    expect(sources).toHaveLength(3);
    expect(sources.every((source: { status: string; lastSyncedAt: string | null }) => source.status === 'indexed' && source.lastSyncedAt)).toBe(true);
    const hits = await search(setId, 'Who is my affiliate manager?');
    expect(hits[0]).toEqual(expect.objectContaining({ title: 'Become a Brightleaf Affiliate', url: 'https://brightleaf.example/affiliates/', headingPath: ['Affiliate manager'] }));
  });

  it('uses the saved site URL when the sync request does not name one', async () => {
    service.container.settings.set('wordpress.siteUrl', wordpress.siteUrl);
    const setId = await createSet(['page']);
    const sync = await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, {});
    expect(sync.body.sync).toEqual(expect.objectContaining({ siteUrl: wordpress.siteUrl, created: 1 }));
  });

  it('says how to give the site URL when it is not known', async () => {
    const setId = await createSet();
    const sync = await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, {});
    expect(sync.status).toBe(400);
    expect(sync.body.error.code).toBe('wordpress_site_unknown');
  });

  it('reports an unreachable or refusing bridge as an upstream error', async () => {
    const setId = await createSet();
    const refused = await startContentFake('another-secret-that-does-not-match-at-all!');
    allowHosts(new URL(refused.siteUrl).host);
    const sync = await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, { siteUrl: refused.siteUrl });
    await refused.close();
    expect(sync.status).toBe(502);
    expect(sync.body.error.message).toContain('shares this service');
  });

  it('leaves unchanged pages alone on the next sync, updates changed ones and drops deleted ones', async () => {
    const setId = await createSet();
    await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, { siteUrl: wordpress.siteUrl });
    wordpress.items[0].content_html = '<h2>Affiliate manager</h2><p>Your affiliate manager is now Priya Raman.</p>';
    wordpress.items.splice(1, 1);
    const sync = await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, { siteUrl: wordpress.siteUrl });
    expect(sync.body.sync).toEqual(expect.objectContaining({ created: 0, updated: 1, unchanged: 1, removed: 1 }));
    const hits = await search(setId, 'affiliate manager');
    expect(hits[0].text).toContain('Priya Raman');
    expect(hits.some((hit: { text: string }) => hit.text.includes('Dana'))).toBe(false);
    expect(await search(setId, 'backpacking tent seasons')).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ title: 'How to choose a backpacking tent' })]),
    );
  });

  it('applies the plugin push on save and on delete to every set that follows site content', async () => {
    const pagesOnly = await createSet(['page']);
    const everything = await createSet();
    const manual = (await service.request('POST', '/v1/knowledge/sets', { name: 'Manual FAQ' })).body.knowledgeSet.id;
    const item = { id: 90, type: 'page', title: 'Affiliate bonuses', url: 'https://brightleaf.example/bonuses/', content_html: '<p>Hit 100 sales in November and earn a $250 holiday bonus.</p>', modified_gmt: '2026-11-20T09:00:00' };

    const saved = await service.request('POST', '/v1/knowledge/wordpress/push', { event: 'saved', item });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ event: 'saved', knowledgeSetIds: [pagesOnly, everything], outcomes: { [pagesOnly]: 'created', [everything]: 'created' } });
    expect((await search(pagesOnly, 'holiday bonus'))[0].url).toBe('https://brightleaf.example/bonuses/');
    expect(await search(manual, 'holiday bonus')).toEqual([]);

    const again = await service.request('POST', '/v1/knowledge/wordpress/push', { event: 'saved', item });
    expect(again.body.outcomes).toEqual({ [pagesOnly]: 'unchanged', [everything]: 'unchanged' });

    const post = await service.request('POST', '/v1/knowledge/wordpress/push', { event: 'saved', item: { ...item, id: 91, type: 'post', url: 'https://brightleaf.example/blog/bonus/' } });
    expect(post.body.knowledgeSetIds).toEqual([everything]);

    const deleted = await service.request('POST', '/v1/knowledge/wordpress/push', { event: 'deleted', item: { id: 90, type: 'page' } });
    expect(deleted.body.outcomes).toEqual({ [pagesOnly]: 'removed', [everything]: 'removed' });
    expect(await search(pagesOnly, 'holiday bonus')).toEqual([]);
  });

  it('refuses a push that is not signed by a user who manages agents', async () => {
    const push = { event: 'deleted', item: { id: 1, type: 'page' } };
    expect((await service.raw('POST', '/v1/knowledge/wordpress/push', { body: JSON.stringify(push), headers: { 'Content-Type': 'application/json' } })).status).toBe(401);
    expect((await service.request('POST', '/v1/knowledge/wordpress/push', push, { capabilities: ['aa_review_leads'] })).status).toBe(403);
  });

  it('keeps site content read-only in the admin API', async () => {
    const setId = await createSet();
    await service.request('POST', `/v1/knowledge/sets/${setId}/sync`, { siteUrl: wordpress.siteUrl });
    const [source] = (await service.request('GET', `/v1/knowledge/sets/${setId}/sources`)).body.sources;
    const patch = await service.request('PATCH', `/v1/knowledge/sources/${source.id}`, { title: 'Renamed' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.code).toBe('source_read_only');
  });
});
