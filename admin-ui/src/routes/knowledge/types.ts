export type { KnowledgeHit, KnowledgeSet, KnowledgeSource } from '../../../../server/src/contract/knowledge-types';
export type { SearchPreview, SyncSummary } from '../../../../server/src/contract/knowledge-results';

/** The plugin's `/affiliate-agent/v1/knowledge-sync` report (plugin/includes/Rest/class-knowledge-sync-controller.php). */
export interface SiteContentReport {
  selection: { types: string[]; include: number[]; exclude: number[] };
  availableTypes: Array<{ name: string; label: string }>;
  pages: Array<{ id: number; title: string; url: string; sent: boolean; reason: 'excluded' | 'chat_only' | 'no_text' | null; reasonText: string | null }>;
  queue: { count: number; dropped: number; lastError: string | null; lastErrorAt: string | null; nextAttemptAt: string | null };
}
export type SiteContentSelection = SiteContentReport['selection'];
