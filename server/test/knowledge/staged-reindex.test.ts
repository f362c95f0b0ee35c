import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase, type Database } from '../../src/db/database';
import { silentLogger } from '../../src/logging/logger';
import { createHtmlExtractor, type HtmlExtractor } from '../../src/knowledge/html-to-text-off-thread';
import { createKnowledgeRepository, RETIRED_SET_ID, STAGING_SET_ID, type KnowledgeRepository } from '../../src/knowledge/knowledge-repository';
import type { KnowledgeService } from '../../src/knowledge/knowledge-service';
import { createRetrievalExecutor } from '../../src/knowledge/retrieval-executor';
import { searchTokens } from '../../src/knowledge/search-text';
import { createSourceIndexer, type SourceDocument } from '../../src/knowledge/source-indexer';
import { deleteAllParked } from '../../src/knowledge/staged-reindex';
import { createWritingKnowledge } from './fixture-corpus';

/**
 * A large document is chunked in the text thread and written in staged batches, then swapped in
 * (staged-reindex.ts). Real SQLite file, real worker thread; a second read-only connection plays a
 * retrieval worker (FTS5 and the in-memory index kept current through knowledge_chunk_changes).
 */
const SECTIONS = 1200;

function bigText(word: string, sections = SECTIONS): string {
  return Array.from({ length: sections }, (_, index) => `## Section ${index}\n\nAffiliates who ${word} earn commission on every sale, section ${index}.`).join('\n\n');
}

describe('large re-index: staged batches swapped in at once', () => {
  let directory: string;
  let db: Database;
  let reader: BetterSqlite3.Database;
  let repository: KnowledgeRepository;
  let html: HtmlExtractor;
  let setId: string;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-staged-'));
    db = openDatabase(path.join(directory, 'knowledge.sqlite'));
    repository = createKnowledgeRepository(db);
    html = createHtmlExtractor();
    setId = 'ks_staged';
    repository.insertSet({ id: setId, name: 'Site', description: '', wordpress: null, createdAt: new Date().toISOString() });
    reader = new BetterSqlite3(path.join(directory, 'knowledge.sqlite'), { readonly: true, fileMustExist: true });
  });
  afterEach(async () => {
    reader.close();
    await html.close();
    db.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const document = (word: string, sections = SECTIONS): SourceDocument => ({ setId, kind: 'file', externalId: null, title: 'Program guide', url: null, data: {}, text: bigText(word, sections) });
  const indexerWith = (writer: KnowledgeRepository) => createSourceIndexer({ repository: writer, logger: silentLogger, onIndexed: () => {}, chunkRows: (doc, sourceId) => html.chunkRows(doc, sourceId) });
  const parkedCount = () => db.prepare('SELECT COUNT(*) FROM knowledge_chunks WHERE set_id IN (?, ?)').pluck().get(STAGING_SET_ID, RETIRED_SET_ID) as number;
  const liveTexts = (sourceId: string) => repository.chunksOfSource(sourceId).map((chunk) => chunk.text);
  /** Hits for `query` from both retrieval paths, as a reader on its own connection sees them. */
  function readers() {
    const memory = createRetrievalExecutor(reader, { index: 'memory' });
    const fts = createRetrievalExecutor(reader, { index: 'sqlite' });
    return (query: string) =>
      [memory, fts].map((executor) => executor.search({ knowledgeSetIds: [setId], tokens: searchTokens(query), prefix: null, limit: 50 }).map((hit) => hit.text));
  }

  it('indexes a big page through the text thread: every chunk present, in order, and searchable', async () => {
    const ask = readers();
    const { source, outcome } = await indexerWith(repository).indexOffLoop(document('blog'), null);
    expect(outcome).toBe('created');
    const chunks = repository.chunksOfSource(source.id);
    expect(source.chunkCount).toBe(SECTIONS);
    expect(chunks).toHaveLength(SECTIONS);
    expect(chunks.map((chunk) => chunk.position)).toEqual(Array.from({ length: SECTIONS }, (_, index) => index));
    expect(chunks[SECTIONS - 1].headingPath).toEqual([`Section ${SECTIONS - 1}`]);
    expect(parkedCount()).toBe(0);
    for (const hits of ask(`blog section ${SECTIONS - 1}`)) expect(hits[0]).toContain(`section ${SECTIONS - 1}.`);
  });

  it('answers from the old chunks until the swap, and from the new ones right after', async () => {
    const first = await indexerWith(repository).indexOffLoop(document('blog'), null);
    const ask = readers();
    const seenBetweenBatches: string[][][] = [];
    const liveCounts: number[] = [];
    const watched: KnowledgeRepository = {
      ...repository,
      insertStagedChunks(sourceId, rows) {
        repository.insertStagedChunks(sourceId, rows);
        // Queued before the indexer's own turn of the loop, so it runs before the next batch (or the
        // swap), and outside the batch's timing, which sizes the batches.
        setImmediate(() => {
          seenBetweenBatches.push([...ask('blog section 7'), ...ask('podcast section 7')]);
          liveCounts.push(repository.chunksOfSource(sourceId).length);
        });
      },
    };
    const second = await indexerWith(watched).indexOffLoop(document('podcast'), first.source);
    expect(second.outcome).toBe('updated');
    expect(seenBetweenBatches.length).toBeGreaterThan(1);
    expect(new Set(liveCounts)).toEqual(new Set([SECTIONS]));
    // A word in every chunk is too common to search on: the questions name a section as well.
    for (const hitLists of seenBetweenBatches) {
      for (const hits of hitLists) {
        expect(hits.length).toBeGreaterThan(0);
        expect(hits.every((text) => text.includes('who blog'))).toBe(true);
      }
    }
    for (const hits of [...ask('blog section 7'), ...ask('podcast section 7')]) {
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((text) => text.includes('who podcast'))).toBe(true);
    }
    expect(liveTexts(first.source.id).every((text) => text.includes('who podcast'))).toBe(true);
    expect(parkedCount()).toBe(0);
  });

  it('a failure mid-way keeps the old chunks live and deletes the staged ones', async () => {
    const first = await indexerWith(repository).indexOffLoop(document('blog'), null);
    let batches = 0;
    const failing: KnowledgeRepository = {
      ...repository,
      insertStagedChunks(sourceId, rows) {
        if (++batches === 3) throw new Error('disk full (simulated)');
        repository.insertStagedChunks(sourceId, rows);
      },
    };
    const failed = await indexerWith(failing).indexOffLoop(document('podcast'), first.source);
    expect(failed.outcome).toBe('failed');
    expect(failed.source.failureReason).toBe('disk full (simulated)');
    expect(batches).toBe(3);
    expect(liveTexts(first.source.id)).toHaveLength(SECTIONS);
    expect(liveTexts(first.source.id).every((text) => text.includes('who blog'))).toBe(true);
    expect(parkedCount()).toBe(0);
    for (const hits of readers()('blog section 7')) expect(hits[0]).toContain('section 7.');
  });

  it('rows a stopped process left parked are deleted at the next index of the source, or at start-up', async () => {
    const first = await indexerWith(repository).indexOffLoop(document('blog'), null);
    const leftover = await html.chunkRows({ setId, title: 'Program guide', url: null, text: bigText('vlog', 300) }, first.source.id);
    repository.insertStagedChunks(first.source.id, leftover);
    expect(parkedCount()).toBe(300);
    await indexerWith(repository).indexOffLoop(document('podcast', 400), first.source);
    expect(liveTexts(first.source.id)).toHaveLength(400);
    expect(parkedCount()).toBe(0);

    repository.insertStagedChunks(first.source.id, leftover);
    expect(deleteAllParked(repository)).toBe(300);
    expect(parkedCount()).toBe(0);
    expect(liveTexts(first.source.id)).toHaveLength(400);
  });

  it('concurrent re-indexes of one source take turns: the later wins, no chunk is duplicated', async () => {
    const indexer = indexerWith(repository);
    const first = await indexer.indexOffLoop(document('blog'), null);
    const results = await Promise.all([
      indexer.indexOffLoop(document('podcast', 900), first.source),
      indexer.indexOffLoop(document('stream', 700), first.source),
      indexer.indexOffLoop(document('stream', 700), first.source),
    ]);
    expect(results.map((result) => result.outcome)).toEqual(['updated', 'updated', 'unchanged']);
    const chunks = repository.chunksOfSource(first.source.id);
    expect(chunks).toHaveLength(700);
    expect(new Set(chunks.map((chunk) => chunk.position)).size).toBe(700);
    expect(chunks.every((chunk) => chunk.text.includes('who stream'))).toBe(true);
    expect(repository.findSource(first.source.id)!.chunkCount).toBe(700);
    expect(db.prepare('SELECT COUNT(*) FROM knowledge_chunks').pluck().get()).toBe(700);
    expect(db.prepare('SELECT COUNT(*) FROM knowledge_fts').pluck().get()).toBe(700);
  });
});

describe('WordPress pushes of one big post at the same time', () => {
  let directory: string;
  let db: Database;
  let knowledge: KnowledgeService;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-staged-push-'));
    db = openDatabase(path.join(directory, 'knowledge.sqlite'));
    knowledge = createWritingKnowledge(db, directory);
  });
  afterEach(async () => {
    await knowledge.close();
    db.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('creates one source with one set of chunks, from the later push', async () => {
    const set = knowledge.createSet({ name: 'Site', wordpress: { types: ['post'] } });
    const page = (word: string) => Array.from({ length: 800 }, (_, index) => `<h2>Section ${index}</h2><p>Affiliates who ${word} earn commission, section ${index}.</p>`).join('');
    const push = (word: string) => knowledge.applyWordpressPush({ event: 'saved', item: { id: 7, type: 'post', title: 'Guide', url: 'https://shop.example/?p=7', content_html: page(word), modified_gmt: '2026-12-01 10:00:00' } });
    const outcomes = await Promise.all([push('blog'), push('podcast')]);
    expect(outcomes.map((result) => result.outcomes[set.id])).toEqual(['created', 'updated']);
    const sources = knowledge.listSources(set.id);
    expect(sources).toHaveLength(1);
    const chunks = knowledge.chunksOfSource(sources[0].id);
    expect(chunks).toHaveLength(800);
    expect(chunks.every((chunk) => chunk.text.includes('who podcast'))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM knowledge_chunks').pluck().get()).toBe(800);
  });
});
