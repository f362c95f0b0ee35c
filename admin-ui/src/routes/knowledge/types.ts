export type { KnowledgeHit, KnowledgeSet, KnowledgeSource } from '../../../../server/src/knowledge/knowledge-types';
export type { SearchPreview, SyncSummary } from '../../../../server/src/knowledge/knowledge-service';
