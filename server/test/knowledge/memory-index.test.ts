import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import { BM25_COLUMN_WEIGHTS } from '../../src/knowledge/bm25';
import { MemoryIndex, type IndexedChunk } from '../../src/knowledge/memory-index';
import { searchText, searchTokens } from '../../src/knowledge/search-text';
import { createWritingKnowledge, fixtureQuestions, loadFixtureCorpus, readFixture } from './fixture-corpus';

/**
 * The in-memory index must rank exactly like FTS5's bm25() over the same search text (it replaced
 * FTS5 on the hot path for speed, not to change answers), and stay exact through edits and deletes.
 */
function chunk(rowid: number, setId: string, title: string, headings: string, body: string): IndexedChunk {
  return { rowid, setId, columns: [searchText(title), searchText(headings), searchText(body)] };
}

describe('in-memory BM25 index', () => {
  describe('against FTS5 on the fixture corpus', () => {
    let directory: string;
    let db: Database;
    let setId: string;
    const index = new MemoryIndex();

    beforeAll(async () => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-memory-index-'));
      db = openDatabase(path.join(directory, 'knowledge.sqlite'));
      const knowledge = createWritingKnowledge(db, directory);
      setId = knowledge.createSet({ name: 'Brightleaf' }).id;
      await loadFixtureCorpus(knowledge, setId);
      const rows = db.prepare('SELECT c.rowid, c.set_id, f.title, f.headings, f.body FROM knowledge_chunks c JOIN knowledge_fts f ON f.rowid = c.rowid').all() as Array<{
        rowid: number;
        set_id: string;
        title: string;
        headings: string;
        body: string;
      }>;
      for (const row of rows) index.add({ rowid: row.rowid, setId: row.set_id, columns: [row.title, row.headings, row.body] });
      await knowledge.close();
    });
    afterAll(() => {
      db.close();
      fs.rmSync(directory, { recursive: true, force: true });
    });

    const fts = (match: string) =>
      (
        db.prepare(`SELECT rowid, bm25(knowledge_fts, ${BM25_COLUMN_WEIGHTS.join(', ')}) AS rank FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY rank LIMIT 10`).all(match) as Array<{
          rowid: number;
          rank: number;
        }>
      ).map((row) => ({ rowid: row.rowid, score: Number((-row.rank).toFixed(9)) }));

    it('gives every fixture question and visitor paraphrase the same top 10 and the same scores as bm25()', () => {
      // Paraphrases go through the stemmer, the synonym folding and the phrase rewrites: both paths read the same stored text.
      const paraphrases = (JSON.parse(readFixture('paraphrases.json')) as { questions: Array<{ question: string }> }).questions;
      for (const { question } of [...fixtureQuestions().questions, ...paraphrases]) {
        const terms = [...new Set(searchTokens(question))].filter((term) => index.documentFrequency(term) > 0);
        if (terms.length === 0) continue;
        const expected = fts(terms.map((term) => `"${term}"`).join(' OR '));
        const actual = rounded(index.rank({ terms, phrases: [], prefix: null, setIds: [setId], limit: 10 }));
        // Equal scores may come in either order; compare scores in order, and the rowids as sets per score.
        expect({ question, scores: actual.map((row) => row.score) }).toEqual({ question, scores: expected.map((row) => row.score) });
        expect(new Set(actual.map((row) => row.rowid))).toEqual(new Set(expected.map((row) => row.rowid)));
      }
    });

    it('scores a prefix like FTS5 scores "prefix"*: one term over every word that starts with it', () => {
      const expected = fts('"payo"*');
      const actual = rounded(index.rank({ terms: [], phrases: [], prefix: 'payo', setIds: [setId], limit: 10 }));
      expect(expected.length).toBeGreaterThan(0);
      expect(actual.map((row) => row.score)).toEqual(expected.map((row) => row.score));
    });

    it('returns nothing for sets it does not hold', () => {
      expect(index.rank({ terms: ['payout'], phrases: [], prefix: null, setIds: ['ks_unknown'], limit: 5 })).toEqual([]);
    });
  });

  it('ranks words side by side above the same words far apart when asked for the phrase', () => {
    const index = new MemoryIndex();
    index.add(chunk(1, 'a', 'Notes', '', 'The cookie policy is strict. Our duration of support is long.'));
    index.add(chunk(2, 'a', 'Notes', '', 'The cookie duration is forty five days for every referral.'));
    for (let rowid = 3; rowid < 40; rowid++) index.add(chunk(rowid, 'a', 'Other', '', `Unrelated text number ${rowid} about tents.`));
    const terms = searchTokens('cookie duration');
    const [withoutPhrase] = index.rank({ terms, phrases: [], prefix: null, setIds: ['a'], limit: 2 });
    const ranked = index.rank({ terms, phrases: [terms], prefix: null, setIds: ['a'], limit: 2 });
    expect(ranked.map((row) => row.rowid)).toEqual([2, 1]);
    expect(ranked[0].score).toBeGreaterThan(withoutPhrase.score);
  });

  it('keeps only the sets asked for', () => {
    const index = new MemoryIndex();
    index.add(chunk(1, 'us', 'Payouts', '', 'Payouts go out monthly by PayPal.'));
    index.add(chunk(2, 'eu', 'Payouts', '', 'Payouts go out monthly by bank transfer.'));
    expect(index.rank({ terms: ['payout'], phrases: [], prefix: null, setIds: ['eu'], limit: 5 }).map((row) => row.rowid)).toEqual([2]);
    expect(index.rank({ terms: ['payout'], phrases: [], prefix: null, setIds: ['eu', 'us'], limit: 5 }).map((row) => row.rowid).sort()).toEqual([1, 2]);
  });

  it('skips common words for chunks that cannot make the top (MaxScore) without changing the top scores', () => {
    // Zipf-like corpus: a few words in most chunks, many rare ones, so that pruning kicks in.
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const vocabulary = Array.from({ length: 400 }, (_, rank) => `w${rank}x`);
    const word = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(1 / (next() + 0.0025)))];
    const index = new MemoryIndex();
    const chunks: IndexedChunk[] = [];
    for (let rowid = 1; rowid <= 4000; rowid++) {
      const entry: IndexedChunk = { rowid, setId: 's', columns: [word(), `${word()} ${word()}`, Array.from({ length: 10 + Math.floor(next() * 40) }, word).join(' ')] };
      chunks.push(entry);
      index.add(entry);
    }
    // Reference: BM25 exactly as FTS5 defines it, computed the slow way over every chunk.
    const averageLength = chunks.reduce((sum, entry) => sum + entry.columns.join(' ').split(' ').filter(Boolean).length, 0) / chunks.length;
    const reference = (terms: string[], limit: number) =>
      chunks
        .map((entry) => {
          const length = entry.columns.join(' ').split(' ').filter(Boolean).length;
          let score = 0;
          for (const term of terms) {
            const frequency = entry.columns.reduce((sum, text, column) => sum + text.split(' ').filter((token) => token === term).length * [2.5, 2, 1][column], 0);
            if (frequency === 0) continue;
            const df = chunks.filter((other) => other.columns.some((text) => text.split(' ').includes(term))).length;
            const idf = Math.max(Math.log((chunks.length - df + 0.5) / (df + 0.5)), 1e-6);
            score += (idf * frequency * 2.2) / (frequency + 1.2 * (0.25 + (0.75 * length) / averageLength));
          }
          return score;
        })
        .filter((score) => score > 0)
        .sort((a, b) => b - a)
        .slice(0, limit)
        .map((score) => Number(score.toFixed(9)));
    const visited: number[] = [];
    const postings: number[] = [];
    for (const terms of [['w0x', 'w150x'], ['w1x', 'w2x', 'w90x', 'w300x'], ['w3x', 'w0x', 'w220x'], ['w0x', 'w1x']]) {
      const visitedBefore = index.postingsVisited;
      const actual = index.rank({ terms, phrases: [], prefix: null, setIds: ['s'], limit: 10 }).map((row) => Number(row.score.toFixed(9)));
      expect({ terms, scores: actual }).toEqual({ terms, scores: reference(terms, 10) });
      visited.push(index.postingsVisited - visitedBefore);
      postings.push(terms.reduce((sum, term) => sum + index.documentFrequency(term), 0));
    }
    // The pruning did skip work: fewer postings visited than a full pass over every term would read.
    expect(visited.some((count, query) => count < postings[query] / 2)).toBe(true);
  });

  it('stays exact through heavy churn: same ranking and frequencies as an index built from the survivors', () => {
    // Words drawn from a small vocabulary so that postings lists are long and get compacted.
    const words = ['payout', 'cookie', 'tent', 'commission', 'bank', 'paypal', 'coupon', 'review', 'trail', 'camp', 'referral', 'minimum'];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const text = (length: number) => Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
    const churned = new MemoryIndex();
    const alive = new Map<number, IndexedChunk>();
    for (let rowid = 1; rowid <= 3000; rowid++) {
      const entry = chunk(rowid, rowid % 3 === 0 ? 'b' : 'a', text(2), text(2), text(5 + Math.floor(next() * 30)));
      churned.add(entry);
      alive.set(rowid, entry);
    }
    for (let rowid = 1; rowid <= 3000; rowid++) {
      if (next() < 0.7) {
        expect(churned.remove(rowid)).toBe(true);
        alive.delete(rowid);
      } else if (next() < 0.3) {
        const replaced = chunk(rowid, 'a', text(1), '', text(12));
        churned.add(replaced); // an edit: same rowid, new text
        alive.set(rowid, replaced);
      }
    }
    expect(churned.remove(999_999)).toBe(false);
    const fresh = new MemoryIndex();
    for (const entry of alive.values()) fresh.add(entry);

    expect(churned.chunkCount).toBe(alive.size);
    for (const word of words) expect({ word, df: churned.documentFrequency(searchTokens(word)[0]) }).toEqual({ word, df: fresh.documentFrequency(searchTokens(word)[0]) });
    for (const query of [['payout', 'minimum'], ['cooki', 'referral', 'camp'], ['tent']]) {
      const ask = { terms: query, phrases: [[query[0], query[1] ?? query[0]]], prefix: 'pay', setIds: ['a', 'b'], limit: 10 };
      expect(rounded(churned.rank(ask)).map((row) => row.score)).toEqual(rounded(fresh.rank(ask)).map((row) => row.score));
    }
    // 2,000-odd removals: dead slots outnumbered live ones, so the slots were renumbered on the way.
  });
});

function rounded(ranked: Array<{ rowid: number; score: number }>) {
  return ranked.map((row) => ({ rowid: row.rowid, score: Number(row.score.toFixed(9)) }));
}
