import type { Citation } from './turn-events';

/**
 * Retrieved knowledge as the runtime sees it, with the short ids (S1, S2 …) the model cites.
 * The knowledge service is optional: without it, or when it fails, answers go on without sources.
 */
export interface KnowledgeHit {
  sourceId: string;
  title: string;
  url: string | null;
  text: string;
  score: number | null;
  /** Set on the "Program terms" fact (program-terms-answer.ts), which the provider's answer is checked against. */
  programFact?: 'figures' | 'never-promise';
}

export interface KnowledgeRetriever {
  retrieve(query: { knowledgeSetIds: string[]; query: string; limit: number }): unknown;
}

function pickString(record: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** Accepts the retriever's hits in whatever reasonable shape they come (array, or { hits }). */
export function normaliseHits(raw: unknown): KnowledgeHit[] {
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && Array.isArray((raw as { hits?: unknown }).hits) ? (raw as { hits: unknown[] }).hits : [];
  const hits: KnowledgeHit[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const text = pickString(record, ['text', 'content', 'snippet', 'body']);
    if (!text) continue;
    hits.push({
      sourceId: `S${hits.length + 1}`,
      title: pickString(record, ['title', 'sourceTitle', 'name']) ?? 'Untitled source',
      url: pickString(record, ['url', 'sourceUrl', 'link']),
      text,
      score: typeof record.score === 'number' ? record.score : null,
    });
  }
  return hits;
}

export async function retrieveKnowledge(
  retriever: KnowledgeRetriever | undefined,
  query: { knowledgeSetIds: string[]; query: string; limit: number },
  onError: (error: unknown) => void,
): Promise<KnowledgeHit[]> {
  if (!retriever || query.knowledgeSetIds.length === 0) return [];
  try {
    return normaliseHits(await retriever.retrieve(query));
  } catch (error) {
    onError(error);
    return [];
  }
}

/** The sources an answer actually cites ([S2]), in order; all hits when the text cites none explicitly is not assumed. */
export function citationsIn(text: string, hits: KnowledgeHit[]): Citation[] {
  const cited = new Set([...text.matchAll(/\[(S\d+)\]/g)].map((match) => match[1]));
  return hits.filter((hit) => cited.has(hit.sourceId)).map((hit) => ({ id: hit.sourceId, title: hit.title, url: hit.url }));
}
