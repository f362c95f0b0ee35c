import type { BuiltQuery, TermStatistics } from './query-builder';
import type { MemoryIndex, RankedChunk } from './memory-index';

/**
 * Word-based ranking, the part of retrieval with two implementations: the in-memory index
 * (memory-index.ts, the default once loaded) and SQLite FTS5 (fts-ranker.ts, used while the memory
 * index loads, or always with AA_KNOWLEDGE_INDEX=sqlite). Both rank with the same BM25.
 */
export interface LexicalRanker {
  /** How many chunks hold each term, and how many chunks there are: what the query builder needs. */
  statistics(terms: string[]): TermStatistics;
  /** The best chunks of the sets for a built query, best first, score higher-is-better. */
  rank(built: BuiltQuery, setIds: string[], limit: number): RankedChunk[];
  /** The distinct indexed terms of one chunk, to measure how much of the question it covers. */
  chunkTerms(rowid: number): Set<string>;
}

export function memoryRanker(index: MemoryIndex): LexicalRanker {
  return {
    statistics(terms) {
      return { documentFrequency: new Map(terms.map((term) => [term, index.documentFrequency(term)])), totalChunks: index.chunkCount };
    },
    // Every chosen term is scored: with postings in typed arrays even the commonest cost little,
    // so the FTS5 path's narrower "selective" expressions are not needed here.
    rank(built, setIds, limit) {
      if (built.terms.length === 0 && !built.prefix) return [];
      return index.rank({ terms: built.terms, phrases: built.phrases, prefix: built.prefix, setIds, limit });
    },
    chunkTerms: (rowid) => index.termsOf(rowid),
  };
}
