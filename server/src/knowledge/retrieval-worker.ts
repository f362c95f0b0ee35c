import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createRetrievalExecutor, type LexicalIndexMode, type SearchRequest } from './retrieval-executor';

/**
 * A retrieval worker: its own read-only connection to the service's SQLite file. WAL mode lets it
 * read while the main thread writes, and every query sees the latest committed chunks.
 * In `memory` mode it loads its in-memory index as soon as it starts (answering from FTS5 until
 * then) and follows the change log between queries too, so a query rarely has changes to apply.
 */
interface WorkerData {
  file: string;
  index: LexicalIndexMode;
}
export interface WorkerRequest {
  id: number;
  request: SearchRequest;
}

/** How often an idle worker applies logged chunk changes (a bulk upload is then indexed as it goes). */
const CATCH_UP_INTERVAL_MS = 500;

const { file, index } = workerData as WorkerData;
const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const executor = createRetrievalExecutor(db, {
  index,
  loadInBackground: true,
  // No logger in a worker; stderr reaches the service's log. The next query starts a new load.
  onIndexError: (error) => console.error(`knowledge index load failed, answering from SQLite FTS5 meanwhile: ${error instanceof Error ? error.message : String(error)}`),
  onIndexLoaded: (load) => parentPort!.postMessage({ indexLoaded: load }),
});
executor.memoryIndex();
if (index === 'memory') setInterval(() => executor.memoryIndex(), CATCH_UP_INTERVAL_MS).unref();

parentPort!.on('message', ({ id, request }: WorkerRequest) => {
  try {
    parentPort!.postMessage({ id, hits: executor.search(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
