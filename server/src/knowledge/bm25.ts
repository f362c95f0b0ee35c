/**
 * The BM25 both retrieval paths use, written out so the in-memory index (memory-index.ts) ranks
 * exactly like SQLite FTS5's bm25() on the same search text:
 *   score = Σ_term idf(term) · f·(k1 + 1) / (f + k1·(1 − b + b·|D| / avgdl))
 * where f is the term's column-weighted frequency in the chunk, |D| the chunk's token count over all
 * columns and avgdl the average over the whole index (fts5_aux.c, fts5Bm25Function).
 */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** Column weights, in knowledge_fts column order: a word in the source title or a heading says more than one in the body. */
export const BM25_COLUMN_WEIGHTS = [2.5, 2.0, 1.0] as const;

/** FTS5's IDF: a term in more than half the chunks would go negative, so it is clamped to almost nothing. */
export function bm25Idf(documentFrequency: number, totalChunks: number): number {
  const idf = Math.log((totalChunks - documentFrequency + 0.5) / (documentFrequency + 0.5));
  return idf > 0 ? idf : 1e-6;
}
