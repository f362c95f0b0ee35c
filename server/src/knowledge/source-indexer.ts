import { newId, nowIso } from '../core/ids';
import type { Logger } from '../logging/logger';
import { sha256Hex } from '../security/request-signing';
import { NotFoundError } from '../core/errors';
import { chunkRowsOf, type ChunkableDocument, type ChunkRow } from './chunk-rows';
import type { KnowledgeRepository, SourceWrite } from './knowledge-repository';
import { stagedReindex } from './staged-reindex';
import type { KnowledgeSource, SourceKind } from '../contract/knowledge-types';

/**
 * Writes a source and its chunks. Unchanged content (same hash, already indexed) is left alone, so
 * a full WordPress sync of an unchanged site costs one hash per page and no writes.
 *
 * `index` does it all at once on the calling thread: for small documents (a new FAQ entry).
 * `indexOffLoop` is for everything else: the rows come from `chunkRows` (the text thread for large
 * documents) and a document with more than one batch of chunks is written in small batches and
 * swapped in atomically (staged-reindex.ts). Runs for the same source (or the same WordPress post)
 * wait for each other, so a later one supersedes the earlier and chunks are never duplicated.
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

/** Up to this many chunks are written in one transaction (a few milliseconds); more are staged in batches. */
const INLINE_WRITE_ROWS = 50;

export function contentHashOf(document: Pick<SourceDocument, 'title' | 'url' | 'text'>): string {
  return sha256Hex(JSON.stringify([document.title, document.url, document.text]));
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

export interface SourceIndexerDependencies {
  repository: KnowledgeRepository;
  logger: Logger;
  onIndexed: () => void;
  /** Ready chunk rows for a document; defaults to computing them on the calling thread. */
  chunkRows?: (document: ChunkableDocument, sourceId: string) => Promise<ChunkRow[]>;
}

type IndexResult = { source: KnowledgeSource; outcome: IndexOutcome };

export function createSourceIndexer({ repository, logger, onIndexed, chunkRows = async (document, sourceId) => chunkRowsOf(document, sourceId) }: SourceIndexerDependencies) {
  /** The tail of the runs queued per source id or per set + external id. */
  const queues = new Map<string, Promise<unknown>>();

  function isUnchanged(document: SourceDocument, existing: KnowledgeSource | null, contentHash: string): existing is KnowledgeSource {
    return !!existing && existing.status === 'indexed' && existing.contentHash === contentHash && JSON.stringify(existing.data) === JSON.stringify(document.data);
  }

  /** Stores the source row (status 'queued') before its chunks are written; returns its id. */
  function saveQueued(document: SourceDocument, existing: KnowledgeSource | null, contentHash: string): string {
    const id = existing?.id ?? newId('ksrc');
    const row = sourceRow(document, existing, id, nowIso(), { content: document.text, contentHash, status: 'queued', failureReason: null });
    if (existing) repository.updateSource(row);
    else repository.insertSource(row);
    return id;
  }

  function failed(id: string, error: unknown): IndexResult {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn('knowledge source failed to index', { sourceId: id, reason });
    repository.setStatus(id, 'failed', reason, nowIso());
    const source = repository.findSource(id);
    // Deleted while its chunks were being written: nothing is left to report on.
    if (!source) throw new NotFoundError('Knowledge source', id);
    return { source, outcome: 'failed' };
  }

  /** Creates or updates `existing` (null for a new source) from `document`, all at once; returns the stored source. */
  function index(document: SourceDocument, existing: KnowledgeSource | null): IndexResult {
    const contentHash = contentHashOf(document);
    if (isUnchanged(document, existing, contentHash)) return { source: existing, outcome: 'unchanged' };
    const id = saveQueued(document, existing, contentHash);
    try {
      const chunks = chunkRowsOf(document, id);
      if (chunks.length === 0) throw new Error('the content has no text to index');
      repository.replaceChunks(id, chunks, nowIso());
      onIndexed();
    } catch (error) {
      return failed(id, error);
    }
    return { source: repository.findSource(id)!, outcome: existing ? 'updated' : 'created' };
  }

  async function indexNow(document: SourceDocument, existing: KnowledgeSource | null): Promise<IndexResult> {
    // Another run may have changed or created the source while this one waited its turn.
    const current = existing ? repository.findSource(existing.id) : document.externalId ? repository.findByExternalId(document.setId, document.externalId) : null;
    const contentHash = contentHashOf(document);
    if (isUnchanged(document, current, contentHash)) return { source: current, outcome: 'unchanged' };
    const id = saveQueued(document, current, contentHash);
    try {
      const chunks = await chunkRows(document, id);
      if (chunks.length === 0) throw new Error('the content has no text to index');
      if (chunks.length <= INLINE_WRITE_ROWS) repository.replaceChunks(id, chunks, nowIso());
      else await stagedReindex(repository, { id, setId: document.setId }, chunks);
      onIndexed();
    } catch (error) {
      return failed(id, error);
    }
    const source = repository.findSource(id);
    if (!source) throw new NotFoundError('Knowledge source', id);
    return { source, outcome: current ? 'updated' : 'created' };
  }

  /** As `index`, without holding the event loop for a large document; runs for one source take turns. */
  function indexOffLoop(document: SourceDocument, existing: KnowledgeSource | null): Promise<IndexResult> {
    // A post's key is its external id, so a push that finds the row an earlier push just created still waits for it.
    const key = document.externalId ? `${document.setId}\u0000${document.externalId}` : (existing?.id ?? null);
    if (key === null) return indexNow(document, null);
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => indexNow(document, existing));
    queues.set(key, run);
    const forget = () => {
      if (queues.get(key) === run) queues.delete(key);
    };
    run.then(forget, forget);
    return run;
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

  return { index, indexOffLoop, recordFailure };
}
export type SourceIndexer = ReturnType<typeof createSourceIndexer>;
