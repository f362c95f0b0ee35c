export type { KnowledgeHit, KnowledgeSet, KnowledgeSource } from '../../../../server/src/knowledge/knowledge-types';
import type { KnowledgeHit } from '../../../../server/src/knowledge/knowledge-types';

export interface SearchPreview {
  query: string;
  knowledgeSetIds: string[];
  terms: string[];
  relevant: boolean;
  threshold: number;
  hits: KnowledgeHit[];
}

export interface SyncSummary {
  knowledgeSetId: string;
  siteUrl: string;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  removed: number;
}
