import { newId, nowIso } from '../core/ids';
import type { Logger } from '../logging/logger';
import { sha256Hex } from '../security/request-signing';
import { chunkDocument } from './chunker';
import type { KnowledgeRepository, SourceWrite } from './knowledge-repository';
import type { ChunkRecord, KnowledgeSource, SourceKind } from './knowledge-types';

/**
 * Writes a source and its chunks. Unchanged content (same hash, already indexed) is left alone, so
 * a full WordPress sync of an unchanged site costs one hash per page and no writes.
 */
export interface SourceDocument {
  setId: string;
  kind: SourceKind;
  externalId: string | null;
  title: string;
  url: string | null;
  data: Record<string, unknown>;
  /** Plain text with Markdown headings. */
  text: string;
}

export type IndexOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export function contentHashOf(document: Pick<SourceDocument, 'title' | 'url' | 'text'>): string {
  return sha256Hex(JSON.stringify([document.title, document.url, document.text]));
}

export function chunkRecordsOf(document: SourceDocument, sourceId: string): ChunkRecord[] {
  return chunkDocument(document.text, document.title).map((draft) => ({
    id: newId('kch'),
    sourceId,
    setId: document.setId,
    position: draft.position,
    title: document.title,
    url: document.url,
    headingPath: draft.headingPath,
    text: draft.text,
    contentHash: sha256Hex(JSON.stringify([document.title, draft.headingPath, draft.text])),
  }));
}

/** The stored row for a source document; a re-index keeps the source's id, creation time and last sync. */
function sourceRow(
  document: Omit<SourceDocument, 'text'>,
  existing: KnowledgeSource | null,
  id: string,
  now: string,
  state: Pick<SourceWrite, 'content' | 'contentHash' | 'status' | 'failureReason'>,
): SourceWrite {
  return {
    id,
    setId: document.setId,
    kind: document.kind,
    externalId: document.externalId,
    title: document.title,
    url: document.url,
    data: document.data,
    ...state,
    lastSyncedAt: existing?.lastSyncedAt ?? null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

export function createSourceIndexer({ repository, logger, onIndexed }: { repository: KnowledgeRepository; logger: Logger; onIndexed: () => void }) {
  /** Creates or updates `existing` (null for a new source) from `document`; returns the stored source. */
  function index(document: SourceDocument, existing: KnowledgeSource | null): { source: KnowledgeSource; outcome: IndexOutcome } {
    const contentHash = contentHashOf(document);
    if (existing && existing.status === 'indexed' && existing.contentHash === contentHash && JSON.stringify(existing.data) === JSON.stringify(document.data)) {
      return { source: existing, outcome: 'unchanged' };
    }
    const now = nowIso();
    const id = existing?.id ?? newId('ksrc');
    const row = sourceRow(document, existing, id, now, { content: document.text, contentHash, status: 'queued', failureReason: null });
    if (existing) repository.updateSource(row);
    else repository.insertSource(row);
    try {
      const chunks = chunkRecordsOf(document, id);
      if (chunks.length === 0) throw new Error('the content has no text to index');
      repository.replaceChunks(id, chunks, nowIso());
      onIndexed();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn('knowledge source failed to index', { sourceId: id, reason });
      repository.setStatus(id, 'failed', reason, nowIso());
      return { source: repository.findSource(id)!, outcome: 'failed' };
    }
    return { source: repository.findSource(id)!, outcome: existing ? 'updated' : 'created' };
  }

  /** Records a source that could not even be read (e.g. an unreadable PDF), so the admin sees why. */
  function recordFailure(document: Omit<SourceDocument, 'text'>, existing: KnowledgeSource | null, reason: string, contentHash: string): KnowledgeSource {
    const now = nowIso();
    const id = existing?.id ?? newId('ksrc');
    const row = sourceRow(document, existing, id, now, { content: '', contentHash, status: 'failed', failureReason: reason });
    if (existing) {
      repository.replaceChunks(id, [], now);
      repository.updateSource(row);
    } else {
      repository.insertSource(row);
    }
    return repository.findSource(id)!;
  }

  return { index, recordFailure };
}
export type SourceIndexer = ReturnType<typeof createSourceIndexer>;
