import type BetterSqlite3 from 'better-sqlite3';
import { jsonShapes, readJsonColumn } from '../db/json-column';
import { statementsByArity } from './statements-by-arity';
import { createFtsRanker } from './fts-ranker';
import { createIndexSync, type IndexLoad } from './index-sync';
import { memoryRanker, type LexicalRanker } from './lexical-ranker';
import { buildMatchQuery } from './query-builder';
import { coverage, inverseDocumentFrequency } from './relevance-score';
import type { KnowledgeHit } from '../contract/knowledge-types';

/**
 * Runs one retrieval for one SQLite connection: word ranking (memory index or FTS5, see
 * lexical-ranker.ts), optional vector fusion, then the hits' rows and relevance. It only reads, so it
 * runs the same in a worker thread (its own read-only connection) and on the main thread (tests, `:memory:`).
 */
export interface SearchRequest {
  knowledgeSetIds: string[];
  /** Normalised query tokens in question order (search-text.ts). */
  tokens: string[];
  /** The last word as typed, for prefix matching while someone is still typing; null otherwise. */
  prefix: string | null;
  limit: number;
  /** A query embedding to fuse with BM25; absent when embeddings are off or failed. */
  vector?: { model: string; dimensions: number; values: Float32Array } | null;
}

/** Reciprocal rank fusion constant (the usual 60): rank differences deep in a list barely matter. */
const RRF_K = 60;
const VECTOR_CANDIDATES = 20;

/**
 * Which word index answers: `memory` (default) keeps an in-memory BM25 index per connection and
 * uses FTS5 only until it has loaded (in the background for worker threads, at once in-process);
 * `sqlite` always asks FTS5 (no memory cost, slower on common words).
 */
export type LexicalIndexMode = 'memory' | 'sqlite';

export interface RetrievalExecutorOptions {
  index?: LexicalIndexMode;
  /** Load the memory index in batches between queries (worker threads) instead of on the first query. */
  loadInBackground?: boolean;
  onIndexError?: (error: unknown) => void;
  onIndexLoaded?: (load: IndexLoad) => void;
}

interface HitRow {
  rowid: number;
  id: string;
  source_id: string;
  title: string;
  url: string | null;
  heading_path: string;
  text: string;
}

export function createRetrievalExecutor(db: BetterSqlite3.Database, options: RetrievalExecutorOptions = {}) {
  const vectorStatement = statementsByArity(db);
  const fts = createFtsRanker(db);
  const sync = (options.index ?? 'memory') === 'memory' ? createIndexSync(db, { background: options.loadInBackground ?? false, onError: options.onIndexError, onLoaded: options.onIndexLoaded }) : null;
  const byRowid = db.prepare('SELECT rowid, id, source_id, title, url, heading_path, text FROM knowledge_chunks WHERE rowid = ?');


  function ranker(): LexicalRanker {
    const index = sync?.current();
    return index ? memoryRanker(index) : fts;
  }

  function vectorCandidates(vector: NonNullable<SearchRequest['vector']>, setIds: string[]): Array<{ rowid: number; similarity: number }> {
    const statement = vectorStatement(
      setIds.length,
      (marks) => `SELECT c.rowid, e.vector FROM knowledge_chunks c
        JOIN knowledge_embeddings e ON e.content_hash = c.content_hash AND e.model = ? AND e.dimensions = ?
        WHERE c.set_id IN (${marks})`,
    );
    const best: Array<{ rowid: number; similarity: number }> = [];
    for (const row of statement.iterate(vector.model, vector.dimensions, ...setIds) as Iterable<{ rowid: number; vector: Buffer }>) {
      const stored = new Float32Array(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength / 4);
      if (stored.length !== vector.values.length) continue;
      let similarity = 0;
      for (let index = 0; index < stored.length; index++) similarity += stored[index] * vector.values[index];
      if (best.length < VECTOR_CANDIDATES || similarity > best[best.length - 1].similarity) {
        best.push({ rowid: row.rowid, similarity });
        best.sort((a, b) => b.similarity - a.similarity);
        if (best.length > VECTOR_CANDIDATES) best.pop();
      }
    }
    return best;
  }

  function search(request: SearchRequest): KnowledgeHit[] {
    const setIds = [...new Set(request.knowledgeSetIds)];
    const queryTerms = [...new Set(request.tokens)];
    if (setIds.length === 0 || queryTerms.length === 0) return [];
    const lexicalRanker = ranker();
    const stats = lexicalRanker.statistics(queryTerms);
    const built = buildMatchQuery(request.tokens, request.prefix, stats);
    const candidateCount = request.vector ? Math.max(request.limit, VECTOR_CANDIDATES) : request.limit;
    const lexical = lexicalRanker.rank(built, setIds, candidateCount);

    let ranked: Array<{ rowid: number; score: number }> = lexical;
    const similarity = new Map<number, number>();
    if (request.vector) {
      const semantic = vectorCandidates(request.vector, setIds);
      for (const candidate of semantic) similarity.set(candidate.rowid, candidate.similarity);
      const fused = new Map<number, number>();
      lexical.forEach(({ rowid }, index) => fused.set(rowid, 1 / (RRF_K + index + 1)));
      semantic.forEach(({ rowid }, index) => fused.set(rowid, (fused.get(rowid) ?? 0) + 1 / (RRF_K + index + 1)));
      ranked = [...fused.entries()].sort((a, b) => b[1] - a[1]).map(([rowid, score]) => ({ rowid, score }));
    }
    const rows: Array<{ row: HitRow; score: number }> = [];
    for (const { rowid, score } of ranked) {
      if (rows.length === request.limit) break;
      // A chunk deleted since the index last caught up is simply skipped.
      const row = byRowid.get(rowid) as HitRow | undefined;
      if (row) rows.push({ row, score });
    }

    const weightOf = (term: string) => inverseDocumentFrequency(stats.documentFrequency.get(term) ?? 0, stats.totalChunks);
    const lastToken = request.tokens[request.tokens.length - 1];
    return rows.map(({ row, score }) => {
      const chunkTokens = lexicalRanker.chunkTerms(row.rowid);
      const isCovered = (term: string) =>
        chunkTokens.has(term) || (term === lastToken && built.prefix !== null && [...chunkTokens].some((token) => token.startsWith(built.prefix!)));
      return {
        chunkId: row.id,
        sourceId: row.source_id,
        title: row.title,
        url: row.url,
        headingPath: readJsonColumn<string[]>(row.heading_path, [], { column: 'knowledge_chunks.heading_path', rowId: row.id, schema: jsonShapes.strings }),
        text: row.text,
        score,
        // With embeddings, a chunk close in meaning counts as relevant even when it shares no word.
        relevance: Math.round(Math.max(coverage(queryTerms, isCovered, weightOf), similarity.get(row.rowid) ?? 0) * 1000) / 1000,
      };
    });
  }

  return {
    search,
    /** The memory index when it is loaded (for benchmarks and tests); null while loading or in `sqlite` mode. */
    memoryIndex: () => sync?.current() ?? null,
    close: () => sync?.stop(),
  };
}
export type RetrievalExecutor = ReturnType<typeof createRetrievalExecutor>;
