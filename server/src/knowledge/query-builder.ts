/**
 * Builds the FTS5 MATCH expression for a question. A naive OR of every word costs the most on the
 * words that match the most chunks and helps ranking the least, so the builder:
 * - works on tokens that are already normalised (stop words gone, stemmed: see search-text.ts);
 * - drops terms the index does not hold at all (they cannot match, but they still count against
 *   relevance, see relevance.ts) and terms found in most chunks when rarer ones remain;
 * - keeps at most MAX_TERMS terms, the rarest first (most informative and cheapest to read);
 * - adds up to MAX_PHRASES adjacent pairs from the question as phrases, which BM25 scores on top of
 *   their words ("cookie duration" beats a chunk that says "cookie" and "duration" far apart);
 * - quotes every term, so nothing a visitor types is read as FTS5 syntax;
 * - for broad questions (the chosen terms together sit in more than BROAD_QUERY_POSTINGS chunks),
 *   offers selective expressions that avoid scoring every chunk holding a common word.
 */
export const MAX_TERMS = 6;
export const MAX_PHRASES = 2;
/** A term in more than this share of chunks is dropped if at least two rarer terms remain. */
export const COMMON_TERM_SHARE = 0.2;
export const MIN_CHUNKS_FOR_CORPUS_STOP_WORDS = 200;

export interface TermStatistics {
  /** Chunks containing each term; absent terms are missing from the map or 0. */
  documentFrequency: Map<string, number>;
  totalChunks: number;
}

/**
 * When the chosen terms together appear in more chunks than this, scoring every match would cost
 * milliseconds per query; the builder then also offers a narrower query requiring every term.
 */
export const BROAD_QUERY_POSTINGS = 2000;

export interface BuiltQuery {
  /** The OR of phrases and every chosen term (for broad all-common questions, the rarest term alone). */
  match: string | null;
  /**
   * For broad questions, cheaper expressions to try first: the rarest words within a postings
   * budget, or, when every word is common, the phrases and then chunks holding every word.
   * `match` runs only if these find nothing at all.
   */
  selective: string[];
  terms: string[];
  phrases: string[][];
  prefix: string | null;
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export function buildMatchQuery(tokens: string[], prefix: string | null, statistics: TermStatistics): BuiltQuery {
  const unique = [...new Set(tokens)];
  const frequency = (term: string) => statistics.documentFrequency.get(term) ?? 0;
  // A term in more than half the chunks has no weight in FTS5's bm25() (its IDF is clamped to ~0), yet
  // scoring it reads every one of those chunks: it is a stop word for this corpus. Small corpora are
  // exempt, where "half the chunks" says nothing.
  const ubiquitous = (term: string) => statistics.totalChunks >= MIN_CHUNKS_FOR_CORPUS_STOP_WORDS && frequency(term) > statistics.totalChunks / 2;
  let present = unique.filter((term) => frequency(term) > 0 && !ubiquitous(term)).sort((a, b) => frequency(a) - frequency(b));
  const rare = present.filter((term) => frequency(term) <= statistics.totalChunks * COMMON_TERM_SHARE);
  if (rare.length >= 2) present = rare;
  const terms = present.slice(0, MAX_TERMS);
  const chosen = new Set(terms);

  const phrases: string[][] = [];
  for (let index = 0; index + 1 < tokens.length && phrases.length < MAX_PHRASES; index++) {
    const pair = [tokens[index], tokens[index + 1]];
    if (pair[0] !== pair[1] && chosen.has(pair[0]) && frequency(pair[1]) > 0 && !ubiquitous(pair[1])) phrases.push(pair);
  }
  const usablePrefix = prefix && prefix.length >= 3 && !chosen.has(prefix) ? prefix : null;

  const parts = [...phrases.map((pair) => quote(pair.join(' '))), ...terms.map(quote)];
  if (usablePrefix) parts.push(`${quote(usablePrefix)}*`);
  const postings = terms.reduce((sum, term) => sum + frequency(term), 0);
  const selective: string[] = [];
  let match = parts.length > 0 ? parts.join(' OR ') : null;
  if (terms.length >= 2 && postings > BROAD_QUERY_POSTINGS) {
    const phraseParts = phrases.map((pair) => quote(pair.join(' ')));
    // The rarest terms whose postings together stay within budget (terms are sorted rarest first).
    const budgeted: string[] = [];
    let spent = 0;
    for (const term of terms) {
      if (spent + frequency(term) > BROAD_QUERY_POSTINGS) break;
      budgeted.push(term);
      spent += frequency(term);
    }
    if (budgeted.length > 0) {
      // Only the rarer words (and phrases holding one): bm25() counts the chunks of every phrase in
      // the expression, so a common word anywhere in it would cost a full read of its postings.
      const rare = new Set(budgeted);
      const rarePhrases = phrases.filter((pair) => rare.has(pair[0]) || rare.has(pair[1])).map((pair) => quote(pair.join(' ')));
      selective.push([...rarePhrases, ...budgeted.map(quote)].join(' OR '));
    } else {
      // Every word is common: the words side by side as asked, then chunks holding them all, and at
      // worst the rarest word alone rather than every common word at once.
      if (phraseParts.length > 0) selective.push(phraseParts.join(' OR '));
      selective.push([...phraseParts, `(${terms.map(quote).join(' AND ')})`].join(' OR '));
      match = quote(terms[0]);
    }
  }
  return { match, selective, terms, phrases, prefix: usablePrefix };
}
