export type { KnowledgeHit, KnowledgeSet, KnowledgeSource } from '../../../../server/src/contract/knowledge-types';
export type { SearchPreview, SyncSummary } from '../../../../server/src/contract/knowledge-results';
