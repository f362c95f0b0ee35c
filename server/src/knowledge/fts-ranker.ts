import type BetterSqlite3 from 'better-sqlite3';
import { statementsByArity } from './statements-by-arity';
import { BM25_COLUMN_WEIGHTS } from './bm25';
import type { LexicalRanker } from './lexical-ranker';
import type { RankedChunk } from './memory-index';

/**
 * Ranking with SQLite FTS5's bm25(). It reads nothing into memory, so it answers from the first
 * query on; but bm25() runs once per matching row, so a common word costs milliseconds on a large
 * site. The query builder's selective expressions keep broad questions bounded.
 */
const SET_SIZES_TTL_MS = 2000;

export function createFtsRanker(db: BetterSqlite3.Database): LexicalRanker {
  const frequencyStatement = statementsByArity(db);
  const searchStatement = statementsByArity(db);
  const bm25 = `bm25(knowledge_fts, ${BM25_COLUMN_WEIGHTS.join(', ')})`;
  const countBySet = db.prepare('SELECT set_id, COALESCE(SUM(chunk_count), 0) AS chunks FROM knowledge_sources GROUP BY set_id');
  const topRows = db.prepare(`SELECT rowid, ${bm25} AS rank FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY rank LIMIT ?`);
  const setOfChunk = db.prepare('SELECT set_id FROM knowledge_chunks WHERE rowid = ?').pluck();
  const searchTextOf = db.prepare('SELECT title, headings, body FROM knowledge_fts WHERE rowid = ?');
  let setSizes = { bySet: new Map<string, number>(), total: 0, readAt: -Infinity };


  /** Chunks per set, re-read every two seconds: the total only scales weights, a slightly old one changes nothing. */
  function refreshSetSizes() {
    const now = Date.now();
    if (now - setSizes.readAt > SET_SIZES_TTL_MS) {
      const rows = countBySet.all() as Array<{ set_id: string; chunks: number }>;
      setSizes = { bySet: new Map(rows.map((row) => [row.set_id, row.chunks])), total: rows.reduce((sum, row) => sum + row.chunks, 0), readAt: now };
    }
    return setSizes;
  }

  function setShare(setIds: string[]): number {
    refreshSetSizes();
    if (setSizes.total === 0) return 1;
    return setIds.reduce((sum, id) => sum + (setSizes.bySet.get(id) ?? 0), 0) / setSizes.total;
  }

  /**
   * When the requested sets hold most chunks (the usual case: one site, one or two sets), ranking the
   * FTS table alone and filtering its top rows by set is about twice as fast as joining every match.
   * The filter still runs, so a stale coverage figure can only cost speed, never a wrong hit.
   */
  function rankedInSets(match: string, setIds: string[], limit: number): RankedChunk[] {
    if (setShare(setIds) >= 0.5) {
      const over = limit * 3;
      const top = topRows.all(match, over) as Array<{ rowid: number; rank: number }>;
      const rows: RankedChunk[] = [];
      for (const { rowid, rank } of top) {
        if (setIds.includes(setOfChunk.get(rowid) as string)) rows.push({ rowid, score: -rank });
        if (rows.length === limit) return rows;
      }
      if (top.length < over) return rows;
    }
    const statement = searchStatement(
      setIds.length,
      (marks) => `SELECT c.rowid, ${bm25} AS rank FROM knowledge_fts f JOIN knowledge_chunks c ON c.rowid = f.rowid
        WHERE knowledge_fts MATCH ? AND c.set_id IN (${marks}) ORDER BY rank LIMIT ?`,
    );
    // bm25() is lower-is-better and negative; rankers answer higher-is-better.
    return (statement.all(match, ...setIds, limit) as Array<{ rowid: number; rank: number }>).map(({ rowid, rank }) => ({ rowid, score: -rank }));
  }

  return {
    statistics(terms) {
      const rows = frequencyStatement(terms.length, (marks) => `SELECT term, doc FROM knowledge_vocab WHERE term IN (${marks})`).all(...terms) as Array<{
        term: string;
        doc: number;
      }>;
      return { documentFrequency: new Map(rows.map((row) => [row.term, row.doc])), totalChunks: refreshSetSizes().total };
    },
    rank(built, setIds, limit) {
      if (!built.match) return [];
      // Broad questions ("minimum payout" on a site where "payout" is everywhere) try the builder's
      // selective expressions first; only when they find nothing is every chunk with a common word
      // scored. Earlier expressions rank first: their hits hold more of the question.
      if (built.selective.length > 0) {
        const rows: RankedChunk[] = [];
        const seen = new Set<number>();
        for (const match of built.selective) {
          for (const row of rankedInSets(match, setIds, limit)) {
            if (rows.length < limit && !seen.has(row.rowid)) {
              seen.add(row.rowid);
              rows.push(row);
            }
          }
          if (rows.length >= limit) break;
        }
        if (rows.length > 0) return rows;
      }
      return rankedInSets(built.match, setIds, limit);
    },
    chunkTerms(rowid) {
      const row = searchTextOf.get(rowid) as { title: string; headings: string; body: string } | undefined;
      return new Set(row ? `${row.title} ${row.headings} ${row.body}`.split(' ').filter(Boolean) : []);
    },
  };
}
