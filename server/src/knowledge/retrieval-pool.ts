import { Worker } from 'node:worker_threads';
import type { Database } from '../db/database';
import type { IndexLoad } from './index-sync';
import { createRetrievalExecutor, type LexicalIndexMode, type SearchRequest } from './retrieval-executor';
import { workerScript } from './worker-script';
import type { KnowledgeHit } from '../contract/knowledge-types';

/**
 * Keeps retrieval off the event loop. A BM25 query over 100k chunks takes milliseconds of pure CPU;
 * run on the main thread it would make every other open chat wait, so queries go to a small pool of
 * worker threads with their own read-only connections. Workers start on the first query (most
 * processes and tests never retrieve) and do not keep the process alive.
 * With `size: 0`, or an in-memory database a worker cannot open, queries run in-process instead.
 */
export interface RetrievalPoolOptions {
  db: Database;
  size: number;
  /** See retrieval-executor.ts; every worker (or the main thread) holds its own memory index. */
  index?: LexicalIndexMode;
  /** Told each time a worker (or the main thread) has loaded its memory index. */
  onIndexLoaded?: (load: IndexLoad) => void;
}

interface PendingQuery {
  resolve: (hits: KnowledgeHit[]) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, PendingQuery>;
  indexLoaded: boolean;
}

type WorkerMessage = { id: number; hits?: KnowledgeHit[]; error?: string } | { indexLoaded: IndexLoad };

export function createRetrievalPool({ db, size, index = 'memory', onIndexLoaded }: RetrievalPoolOptions) {
  const file = db.name;
  const inProcess = size <= 0 || file === ':memory:' || file === '';
  const local = inProcess ? createRetrievalExecutor(db, { index, onIndexLoaded }) : null;
  const workers: PoolWorker[] = [];
  const loadWaiters: Array<() => void> = [];
  let nextId = 1;
  let closed = false;

  function spawn(): PoolWorker {
    const { file: script, execArgv } = workerScript('retrieval-worker');
    const worker = new Worker(script, { workerData: { file, index }, execArgv });
    const entry: PoolWorker = { worker, pending: new Map(), indexLoaded: false };
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if ('indexLoaded' in message) {
        entry.indexLoaded = true;
        onIndexLoaded?.(message.indexLoaded);
        if (allIndexesLoaded()) for (const resolve of loadWaiters.splice(0)) resolve();
        return;
      }
      const pending = entry.pending.get(message.id);
      if (!pending) return;
      entry.pending.delete(message.id);
      if (entry.pending.size === 0) worker.unref();
      if (message.error !== undefined) pending.reject(new Error(`Knowledge retrieval failed: ${message.error}`));
      else pending.resolve(message.hits ?? []);
    });
    const fail = (error: Error) => {
      for (const pending of entry.pending.values()) pending.reject(error);
      entry.pending.clear();
      const index = workers.indexOf(entry);
      if (index >= 0) workers.splice(index, 1);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Knowledge retrieval worker stopped (exit code ${code}).`)));
    return entry;
  }

  function allIndexesLoaded(): boolean {
    return workers.length === size && workers.every((entry) => entry.indexLoaded);
  }

  function startWorkers(): void {
    while (workers.length < size) workers.push(spawn());
  }

  function leastBusy(): PoolWorker {
    startWorkers();
    return workers.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
  }

  return {
    inProcess,
    /**
     * Starts the workers now, so their indexes load before the first question rather than during
     * it (the service calls this at start-up; until loaded, a worker answers from FTS5).
     */
    warm(): void {
      if (!local && !closed) startWorkers();
    },
    /** Resolves once every worker answers from its memory index (at once in `sqlite` mode or in-process, which loads on demand). */
    indexesLoaded(): Promise<void> {
      if (local || index === 'sqlite') {
        local?.memoryIndex();
        return Promise.resolve();
      }
      startWorkers();
      if (allIndexesLoaded()) return Promise.resolve();
      return new Promise((resolve) => loadWaiters.push(resolve));
    },
    search(request: SearchRequest): Promise<KnowledgeHit[]> {
      if (closed) return Promise.reject(new Error('Knowledge retrieval has been shut down.'));
      if (local) {
        try {
          return Promise.resolve(local.search(request));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      const entry = leastBusy();
      const id = nextId++;
      return new Promise<KnowledgeHit[]>((resolve, reject) => {
        entry.pending.set(id, { resolve, reject });
        // A query in flight holds the process open, so a shutdown never drops an answer half-way.
        entry.worker.ref();
        entry.worker.postMessage({ id, request });
      });
    },
    async close(): Promise<void> {
      closed = true;
      local?.close();
      await Promise.all(workers.splice(0).map((entry) => entry.worker.terminate()));
    },
  };
}
export type RetrievalPool = ReturnType<typeof createRetrievalPool>;
