import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { MemoryIndex, type IndexedChunk } from './memory-index';

/**
 * Keeps a MemoryIndex equal to the chunks in SQLite, for one connection (a worker thread's, or the
 * main thread's when retrieval runs in-process).
 *
 * Loading reads every chunk's search text in rowid order, in batches. Afterwards each `current()`
 * call (every query) compares the newest entry of knowledge_chunk_changes (migration 005) with the
 * last one applied, and re-reads the chunks named since: a chunk that still exists is re-indexed,
 * a missing one removed. That is one primary-key lookup per query when nothing changed, and it is
 * idempotent, so entries logged while a load runs are simply applied again afterwards.
 *
 * `background: true` (worker threads) loads in batches between queries and answers `null` until the
 * index is ready, so the caller can use FTS5 meanwhile instead of stalling for a second or two on a
 * large site; `background: false` loads on the spot (in-process retrieval, tests).
 */
export interface IndexSyncOptions {
  background: boolean;
  /** Told when a background load fails; the next query starts a new one. */
  onError?: (error: unknown) => void;
  /** Chunks read per batch (default 5000); between batches a background load lets queries run. */
  batchSize?: number;
  /** Told when a load completes (start-up, or a reload after falling far behind). */
  onLoaded?: (load: IndexLoad) => void;
}

export interface IndexLoad {
  chunks: number;
  terms: number;
  milliseconds: number;
  /** The index's typed arrays; term and rowid maps come on top. */
  bytes: number;
}

const LOAD_BATCH_SIZE = 5000;
/** Replaying more changes than this (or than the index holds) costs more than loading afresh. */
const MIN_CHANGES_FOR_RELOAD = 20_000;

interface ChunkRow {
  rowid: number;
  set_id: string;
  title: string;
  headings: string;
  body: string;
}

interface LoadState {
  index: MemoryIndex;
  /** The newest change before the load began: everything after it is replayed once loaded. */
  startSeq: number;
  lastRowid: number;
  startedAt: number;
}

function toIndexed(row: ChunkRow): IndexedChunk {
  return { rowid: row.rowid, setId: row.set_id, columns: [row.title, row.headings, row.body] };
}

export function createIndexSync(db: BetterSqlite3.Database, { background, onError, onLoaded, batchSize = LOAD_BATCH_SIZE }: IndexSyncOptions) {
  const CHUNK_COLUMNS = 'SELECT c.rowid, c.set_id, f.title, f.headings, f.body FROM knowledge_chunks c JOIN knowledge_fts f ON f.rowid = c.rowid';
  const statements = {
    newestChange: db.prepare('SELECT COALESCE(MAX(seq), 0) FROM knowledge_chunk_changes').pluck(),
    oldestChange: db.prepare('SELECT COALESCE(MIN(seq), 0) FROM knowledge_chunk_changes').pluck(),
    changedRowids: db.prepare('SELECT DISTINCT chunk_rowid FROM knowledge_chunk_changes WHERE seq > ? AND seq <= ?').pluck(),
    chunksAfter: db.prepare(`${CHUNK_COLUMNS} WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?`),
    chunk: db.prepare(`${CHUNK_COLUMNS} WHERE c.rowid = ?`),
  };
  let index: MemoryIndex | null = null;
  let appliedSeq = 0;
  let loading: LoadState | null = null;
  let stopped = false;

  /** Reads one batch; true when every chunk has been read. */
  function loadBatch(state: LoadState): boolean {
    const rows = statements.chunksAfter.all(state.lastRowid, batchSize) as ChunkRow[];
    for (const row of rows) state.index.add(toIndexed(row));
    if (rows.length > 0) state.lastRowid = rows[rows.length - 1].rowid;
    return rows.length < batchSize;
  }

  function finishLoad(state: LoadState): void {
    loading = null;
    index = state.index;
    appliedSeq = state.startSeq;
    catchUp();
    onLoaded?.({ chunks: index.chunkCount, terms: index.termCount, milliseconds: performance.now() - state.startedAt, bytes: index.memoryBytes() });
  }

  function startLoad(): void {
    const state: LoadState = { index: new MemoryIndex(), startSeq: statements.newestChange.get() as number, lastRowid: 0, startedAt: performance.now() };
    loading = state;
    if (!background) {
      while (!loadBatch(state));
      finishLoad(state);
      return;
    }
    const step = () => {
      if (stopped || loading !== state) return;
      try {
        if (loadBatch(state)) finishLoad(state);
        else setImmediate(step);
      } catch (error) {
        loading = null;
        onError?.(error);
      }
    };
    // The first batch runs now: a site with fewer chunks than one batch is ready at once.
    step();
  }

  /** Applies the logged changes; false when too far behind (or the log was trimmed past us) to replay. */
  function catchUp(): boolean {
    const current = index!;
    const newest = statements.newestChange.get() as number;
    if (newest === appliedSeq) return true;
    const trimmedPastUs = (statements.oldestChange.get() as number) > appliedSeq + 1;
    if (trimmedPastUs || newest - appliedSeq > Math.max(MIN_CHANGES_FOR_RELOAD, current.chunkCount)) return false;
    for (const rowid of statements.changedRowids.all(appliedSeq, newest) as number[]) {
      const row = statements.chunk.get(rowid) as ChunkRow | undefined;
      if (row) current.add(toIndexed(row));
      else current.remove(rowid);
    }
    appliedSeq = newest;
    return true;
  }

  return {
    /** The up-to-date index, or null while a background load runs (then query SQLite instead). */
    current(): MemoryIndex | null {
      if (stopped) return null;
      if (index && !catchUp()) index = null;
      if (!index && !loading) startLoad();
      return index;
    },
    get loading(): boolean {
      return loading !== null;
    },
    stop(): void {
      stopped = true;
      loading = null;
    },
  };
}
export type IndexSync = ReturnType<typeof createIndexSync>;
