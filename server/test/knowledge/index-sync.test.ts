import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase, type Database } from '../../src/db/database';
import { retrievalIndexMode, retrievalWorkerCount } from '../../src/knowledge/create-knowledge';
import { createIndexSync } from '../../src/knowledge/index-sync';
import type { KnowledgeService } from '../../src/knowledge/knowledge-service';
import { createRetrievalExecutor } from '../../src/knowledge/retrieval-executor';
import { createRetrievalPool } from '../../src/knowledge/retrieval-pool';
import { searchTokens } from '../../src/knowledge/search-text';
import { createWritingKnowledge } from './fixture-corpus';

/**
 * The in-memory index follows SQLite across connections, as a worker thread's does: the service
 * writes on one connection, the index reads through its own read-only one and must see every
 * committed add, edit and delete at the next query.
 */
describe('in-memory index kept in step with SQLite', () => {
  let directory: string;
  let db: Database;
  let reader: BetterSqlite3.Database;
  let knowledge: KnowledgeService;
  let setId: string;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-index-sync-'));
    db = openDatabase(path.join(directory, 'knowledge.sqlite'));
    knowledge = createWritingKnowledge(db, directory);
    setId = knowledge.createSet({ name: 'Program' }).id;
    reader = new BetterSqlite3(path.join(directory, 'knowledge.sqlite'), { readonly: true, fileMustExist: true });
  });
  afterEach(async () => {
    reader.close();
    await knowledge.close();
    db.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const ask = (executor: ReturnType<typeof createRetrievalExecutor>, query: string) =>
    executor.search({ knowledgeSetIds: [setId], tokens: searchTokens(query), prefix: null, limit: 3 }).map((hit) => hit.title);

  it('sees additions, edits, deletions and a deleted set at the next query', async () => {
    const executor = createRetrievalExecutor(reader, { index: 'memory' });
    const faq = knowledge.addFaq(setId, { kind: 'faq', question: 'What is the minimum payout?', answer: 'The minimum payout is $50.' });
    expect(ask(executor, 'minimum payout')).toEqual(['What is the minimum payout?']);
    expect(executor.memoryIndex()!.chunkCount).toBe(1);

    knowledge.addFaq(setId, { kind: 'faq', question: 'How long does the cookie last?', answer: 'Cookies last 45 days.' });
    expect(ask(executor, 'cookie')).toEqual(['How long does the cookie last?']);

    await knowledge.updateSource(faq.id, { question: 'What is the payout floor?', answer: 'Payouts start at $75.' });
    expect(ask(executor, 'minimum')).toEqual([]);
    expect(ask(executor, 'floor')).toEqual(['What is the payout floor?']);
    expect(executor.memoryIndex()!.documentFrequency(searchTokens('minimum')[0])).toBe(0);

    knowledge.removeSource(faq.id);
    expect(ask(executor, 'floor')).toEqual([]);

    knowledge.removeSet(setId);
    expect(ask(executor, 'cookie')).toEqual([]);
    expect(executor.memoryIndex()!.chunkCount).toBe(0);
    executor.close();
  });

  it('answers from FTS5 while it loads in the background, then from memory with the same hits', async () => {
    for (let index = 0; index < 60; index++) knowledge.addFaq(setId, { kind: 'faq', question: `Question ${index} about payouts`, answer: `Answer number ${index} on bank transfers.` });
    knowledge.addFaq(setId, { kind: 'faq', question: 'Do you pay by PayPal?', answer: 'Yes, PayPal and bank transfer.' });
    const loads: number[] = [];
    const sync = createIndexSync(reader, { background: true, batchSize: 10, onLoaded: (load) => loads.push(load.chunks) });
    expect(sync.current()).toBeNull();
    expect(sync.loading).toBe(true);

    const executor = createRetrievalExecutor(reader, { index: 'memory', loadInBackground: true });
    const fromFts = ask(executor, 'paypal');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sync.current()!.chunkCount).toBe(61);
    expect(loads).toEqual([61]);
    expect(executor.memoryIndex()).not.toBeNull();
    expect(ask(executor, 'paypal')).toEqual(fromFts);
    expect(fromFts).toEqual(['Do you pay by PayPal?']);
    executor.close();
    sync.stop();
  });

  it('reloads in full when the change log was trimmed past the changes it had applied', () => {
    knowledge.addFaq(setId, { kind: 'faq', question: 'What is the commission rate?', answer: 'Ten percent on every order.' });
    const loads: number[] = [];
    const sync = createIndexSync(reader, { background: false, onLoaded: (load) => loads.push(load.chunks) });
    expect(sync.current()!.chunkCount).toBe(1);
    knowledge.addFaq(setId, { kind: 'faq', question: 'Can I use coupons?', answer: 'Only the coupons we give you.' });
    knowledge.addFaq(setId, { kind: 'faq', question: 'Is there a sign-up bonus?', answer: 'A $20 bonus after your first sale.' });
    // What the repository's trimming does once a reader has fallen more than 100,000 changes behind.
    db.prepare('DELETE FROM knowledge_chunk_changes WHERE seq < (SELECT MAX(seq) FROM knowledge_chunk_changes)').run();
    const index = sync.current()!;
    expect(loads).toEqual([1, 3]);
    expect(index.documentFrequency('coupon')).toBe(1);
    expect(index.documentFrequency('bonus')).toBe(1);
    sync.stop();
  });

  it('logs every chunk change in the writing transaction, and a rolled-back write logs nothing', () => {
    const before = db.prepare('SELECT COUNT(*) FROM knowledge_chunk_changes').pluck().get() as number;
    const failing = db.transaction(() => {
      knowledge.addFaq(setId, { kind: 'faq', question: 'Will this stay?', answer: 'No, the transaction fails.' });
      throw new Error('crash mid-write');
    });
    expect(() => failing()).toThrow('crash mid-write');
    expect(db.prepare('SELECT COUNT(*) FROM knowledge_chunk_changes').pluck().get()).toBe(before);
    knowledge.addFaq(setId, { kind: 'faq', question: 'Will this stay?', answer: 'Yes.' });
    expect(db.prepare('SELECT COUNT(*) FROM knowledge_chunk_changes').pluck().get()).toBe(before + 1);
  });

  it('loads the index in a worker thread, reports it, and shows an edit made on the main thread at the next query', async () => {
    knowledge.addFaq(setId, { kind: 'faq', question: 'When are payouts sent?', answer: 'On the 15th of every month.' });
    const loads: number[] = [];
    const pool = createRetrievalPool({ db, size: 1, index: 'memory', onIndexLoaded: (load) => loads.push(load.chunks) });
    try {
      pool.warm();
      await pool.indexesLoaded();
      expect(loads).toEqual([1]);
      const search = async (query: string) =>
        (await pool.search({ knowledgeSetIds: [setId], tokens: searchTokens(query), prefix: null, limit: 3 })).map((hit) => hit.title);
      expect(await search('payouts sent')).toEqual(['When are payouts sent?']);
      const edited = knowledge.addFaq(setId, { kind: 'faq', question: 'Is there a holdback period?', answer: 'Commissions are held for 30 days.' });
      expect(await search('holdback')).toEqual(['Is there a holdback period?']);
      knowledge.removeSource(edited.id);
      expect(await search('holdback')).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

describe('knowledge retrieval settings', () => {
  it('names the variable and what it accepts when a value is wrong', () => {
    expect(() => retrievalIndexMode({ AA_KNOWLEDGE_INDEX: 'fast' })).toThrow("AA_KNOWLEDGE_INDEX: expected memory or sqlite, got 'fast'.");
    expect(() => retrievalWorkerCount({ AA_KNOWLEDGE_WORKERS: 'two' })).toThrow("AA_KNOWLEDGE_WORKERS: expected a whole number from 0 to 16, got 'two'.");
    expect(retrievalIndexMode({})).toBe('memory');
    expect(retrievalWorkerCount({})).toBe(1);
  });
});
