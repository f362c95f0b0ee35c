/** What the knowledge screen reads after a WordPress sync and from the search preview. */
import type { KnowledgeHit } from './knowledge-types';

export interface SyncSummary {
  knowledgeSetId: string;
  siteUrl: string;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  removed: number;
  /** Items the bridge sent that were malformed, with why. */
  rejected: Array<{ index: number; reason: string }>;
}

/** What the search preview answers: every match with its scores, and whether strict mode would answer. */
export interface SearchPreview {
  query: string;
  knowledgeSetIds: string[];
  /** The question's words as the index holds them (stop words gone, stemmed). */
  terms: string[];
  relevant: boolean;
  threshold: number;
  hits: KnowledgeHit[];
}
