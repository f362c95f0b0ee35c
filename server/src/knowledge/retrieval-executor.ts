import type BetterSqlite3 from 'better-sqlite3';
import { buildMatchQuery, type BuiltQuery, type TermStatistics } from './query-builder';
import { coverage, inverseDocumentFrequency } from './relevance-score';
import type { KnowledgeHit } from './knowledge-types';

/**
 * Runs one retrieval against a SQLite connection. It is pure database reading, so it runs the same
 * in a worker thread (its own read-only connection) and on the main thread (tests, `:memory:`).
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

/** Column weights for bm25(): a word in the source title or a heading says more than one in the body. */
const BM25_WEIGHTS = [2.5, 2.0, 1.0] as const;
/** Reciprocal rank fusion constant (the usual 60): rank differences deep in a list barely matter. */
const RRF_K = 60;
const VECTOR_CANDIDATES = 20;
const SET_SIZES_TTL_MS = 2000;

interface HitRow {
  rowid: number;
  id: string;
  source_id: string;
  title: string;
  url: string | null;
  heading_path: string;
  text: string;
  search_title: string;
  search_headings: string;
  search_body: string;
  rank: number;
}

export function createRetrievalExecutor(db: BetterSqlite3.Database) {
  const frequencyStatements = new Map<number, BetterSqlite3.Statement>();
  const searchStatements = new Map<number, BetterSqlite3.Statement>();
  const vectorStatements = new Map<number, BetterSqlite3.Statement>();
  const countBySet = db.prepare('SELECT set_id, COALESCE(SUM(chunk_count), 0) AS chunks FROM knowledge_sources GROUP BY set_id');
  const topRows = db.prepare(`SELECT rowid, bm25(knowledge_fts, ${BM25_WEIGHTS.join(', ')}) AS rank FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY rank LIMIT ?`);
  let setSizes = { bySet: new Map<string, number>(), total: 0, readAt: -Infinity };
  const byRowid = db.prepare(`SELECT c.rowid, c.id, c.source_id, c.set_id, c.title, c.url, c.heading_path, c.text,
      f.title AS search_title, f.headings AS search_headings, f.body AS search_body, 0 AS rank
    FROM knowledge_chunks c JOIN knowledge_fts f ON f.rowid = c.rowid WHERE c.rowid = ?`);

  const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

  function statementFor(cache: Map<number, BetterSqlite3.Statement>, count: number, sql: (marks: string) => string) {
    let statement = cache.get(count);
    if (!statement) {
      statement = db.prepare(sql(placeholders(count)));
      cache.set(count, statement);
    }
    return statement;
  }

  function statistics(terms: string[]): TermStatistics {
    const rows = statementFor(frequencyStatements, terms.length, (marks) => `SELECT term, doc FROM knowledge_vocab WHERE term IN (${marks})`).all(
      ...terms,
    ) as Array<{ term: string; doc: number }>;
    // The chunk count only scales weights; a figure a second or two old changes nothing.
    return { documentFrequency: new Map(rows.map((row) => [row.term, row.doc])), totalChunks: refreshSetSizes().total };
  }

  /**
   * When the requested sets hold most chunks (the usual case: one site, one or two sets), ranking the
   * FTS table alone and filtering its top rows by set is about twice as fast as joining every match.
   * The filter still runs, so a stale coverage figure can only cost speed, never a wrong hit.
   */
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

  function rankedInSets(match: string, setIds: string[], limit: number): HitRow[] {
    if (setShare(setIds) >= 0.5) {
      const over = limit * 3;
      const top = topRows.all(match, over) as Array<{ rowid: number; rank: number }>;
      const rows: HitRow[] = [];
      for (const { rowid, rank } of top) {
        const row = byRowid.get(rowid) as (HitRow & { set_id: string }) | undefined;
        if (row && setIds.includes(row.set_id)) rows.push({ ...row, rank });
        if (rows.length === limit) return rows;
      }
      if (top.length < over) return rows;
    }
    const statement = statementFor(
      searchStatements,
      setIds.length,
      (marks) => `SELECT c.rowid, c.id, c.source_id, c.title, c.url, c.heading_path, c.text,
          f.title AS search_title, f.headings AS search_headings, f.body AS search_body,
          bm25(knowledge_fts, ${BM25_WEIGHTS.join(', ')}) AS rank
        FROM knowledge_fts f JOIN knowledge_chunks c ON c.rowid = f.rowid
        WHERE knowledge_fts MATCH ? AND c.set_id IN (${marks})
        ORDER BY rank LIMIT ?`,
    );
    return statement.all(match, ...setIds, limit) as HitRow[];
  }

  function bm25Candidates(built: BuiltQuery, setIds: string[], limit: number): HitRow[] {
    if (!built.match) return [];
    // Broad questions ("minimum payout" on a site where "payout" is everywhere) try the builder's
    // selective expressions first; only when they find nothing is every chunk with a common word
    // scored. Earlier expressions rank first: their hits hold more of the question.
    if (built.selective.length > 0) {
      const rows: HitRow[] = [];
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
  }

  function vectorCandidates(vector: NonNullable<SearchRequest['vector']>, setIds: string[]): Array<{ rowid: number; similarity: number }> {
    const statement = statementFor(
      vectorStatements,
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
    const stats = statistics(queryTerms);
    const built = buildMatchQuery(request.tokens, request.prefix, stats);
    const candidateCount = request.vector ? Math.max(request.limit, VECTOR_CANDIDATES) : request.limit;
    const lexical = bm25Candidates(built, setIds, candidateCount);

    let ranked: Array<{ row: HitRow; score: number }>;
    const similarity = new Map<number, number>();
    if (request.vector) {
      const semantic = vectorCandidates(request.vector, setIds);
      for (const candidate of semantic) similarity.set(candidate.rowid, candidate.similarity);
      const fused = new Map<number, { row?: HitRow; score: number }>();
      lexical.forEach((row, index) => fused.set(row.rowid, { row, score: 1 / (RRF_K + index + 1) }));
      semantic.forEach(({ rowid }, index) => {
        const entry = fused.get(rowid) ?? { score: 0 };
        entry.score += 1 / (RRF_K + index + 1);
        fused.set(rowid, entry);
      });
      ranked = [...fused.entries()]
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, request.limit)
        .map(([rowid, entry]) => ({ row: entry.row ?? (byRowid.get(rowid) as HitRow), score: entry.score }))
        .filter((entry) => entry.row !== undefined);
    } else {
      // FTS5's bm25() is lower-is-better and negative; callers get higher-is-better.
      ranked = lexical.map((row) => ({ row, score: -row.rank }));
    }

    const weightOf = (term: string) => inverseDocumentFrequency(stats.documentFrequency.get(term) ?? 0, stats.totalChunks);
    const lastToken = request.tokens[request.tokens.length - 1];
    return ranked.map(({ row, score }) => {
      const chunkTokens = new Set(`${row.search_title} ${row.search_headings} ${row.search_body}`.split(/\s+/));
      const isCovered = (term: string) =>
        chunkTokens.has(term) || (term === lastToken && built.prefix !== null && [...chunkTokens].some((token) => token.startsWith(built.prefix!)));
      return {
        chunkId: row.id,
        sourceId: row.source_id,
        title: row.title,
        url: row.url,
        headingPath: JSON.parse(row.heading_path) as string[],
        text: row.text,
        score,
        // With embeddings, a chunk close in meaning counts as relevant even when it shares no word.
        relevance: Math.round(Math.max(coverage(queryTerms, isCovered, weightOf), similarity.get(row.rowid) ?? 0) * 1000) / 1000,
      };
    });
  }

  return { search };
}
export type RetrievalExecutor = ReturnType<typeof createRetrievalExecutor>;
