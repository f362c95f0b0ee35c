/**
 * How much of a question a chunk covers, from 0 to 1: the share of the question's term weight
 * (inverse document frequency) found in the chunk. Unlike a raw BM25 score it does not depend on
 * the corpus size, so one threshold works for every site. A word the index has never seen weighs
 * the most, which is what makes "what is the capital of France?" score near 0 on an affiliate FAQ.
 */
export function inverseDocumentFrequency(documentFrequency: number, totalChunks: number): number {
  // The chunk total is cached for a second or two; it can lag a term's fresh count, never below it.
  const total = Math.max(totalChunks, documentFrequency, 1);
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export function coverage(queryTerms: string[], isCovered: (term: string) => boolean, weightOf: (term: string) => number): number {
  let total = 0;
  let covered = 0;
  for (const term of new Set(queryTerms)) {
    const weight = weightOf(term);
    total += weight;
    if (isCovered(term)) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}
