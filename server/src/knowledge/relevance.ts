import { searchTokens } from './search-text';
import type { KnowledgeHit, Passage } from '../contract/knowledge-types';
import { sentencesOf } from '../core/sentences';

/**
 * Strict docs-only mode: the agent answers only when the best hit covers enough of the question.
 * `relevance` is the share of the question's term weight a chunk contains (relevance-score.ts), so
 * the threshold does not drift with corpus size. Calibrated on the fixture corpus with the fixture questions, the
 * visitor paraphrases and off-topic questions (npm run eval prints them): 0.3 keeps all 105 program questions and
 * declines 16 of 20 off-topic ones; 0.35 would lose 5 paraphrases for one more decline. See docs/knowledge.md.
 */
export const DEFAULT_RELEVANCE_THRESHOLD = 0.3;

export function isRelevant(hits: KnowledgeHit[], threshold = DEFAULT_RELEVANCE_THRESHOLD): boolean {
  return hits.some((hit) => hit.relevance >= threshold);
}

/** Hits worth showing to a model or a visitor: those at or above the threshold, best first. */
export function relevantHits(hits: KnowledgeHit[], threshold = DEFAULT_RELEVANCE_THRESHOLD): KnowledgeHit[] {
  return hits.filter((hit) => hit.relevance >= threshold);
}

const MAX_PASSAGE_CHARS = 420;


/**
 * The offline engine's extractive answer: from the most relevant hit, the run of consecutive
 * sentences that mentions the most question words, trimmed to a short paragraph, with its link.
 * Null when no hit is relevant enough (the caller then falls back to the agent's contact route).
 */
export function bestPassage(hits: KnowledgeHit[], query: string, options: { threshold?: number; maxChars?: number } = {}): Passage | null {
  const threshold = options.threshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  const maxChars = options.maxChars ?? MAX_PASSAGE_CHARS;
  const hit = hits.find((candidate) => candidate.relevance >= threshold);
  if (!hit) return null;
  const wanted = new Set(searchTokens(query));
  const sentences = sentencesOf(hit.text);
  const scores = sentences.map((sentence) => new Set(searchTokens(sentence).filter((token) => wanted.has(token))).size);

  let best = { start: 0, end: 0, score: -1 };
  for (let start = 0; start < sentences.length; start++) {
    let length = 0;
    const covered = new Set<string>();
    for (let end = start; end < sentences.length; end++) {
      length += sentences[end].length + 1;
      if (length > maxChars && end > start) break;
      for (const token of searchTokens(sentences[end])) if (wanted.has(token)) covered.add(token);
      // Prefer covering more question words; on a tie, the earlier and shorter run.
      const score = covered.size * 1000 - (end - start) * 10 - start;
      if (scores[start] > 0 && score > best.score) best = { start, end, score };
    }
  }
  let text = best.score < 0 ? sentences.slice(0, 2).join(' ') : sentences.slice(best.start, best.end + 1).join(' ');
  if (text.length > maxChars) text = `${text.slice(0, maxChars - 1).replace(/\s+\S*$/, '')}…`;
  return { text, title: hit.title, url: hit.url, headingPath: hit.headingPath, chunkId: hit.chunkId, sourceId: hit.sourceId };
}
