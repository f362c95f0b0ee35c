import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createRetrievalExecutor, type SearchRequest } from './retrieval-executor';

/**
 * A retrieval worker: its own read-only connection to the service's SQLite file. WAL mode lets it
 * read while the main thread writes, and every query sees the latest committed chunks.
 */
interface WorkerData {
  file: string;
}
export interface WorkerRequest {
  id: number;
  request: SearchRequest;
}

const { file } = workerData as WorkerData;
const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const executor = createRetrievalExecutor(db);

parentPort!.on('message', ({ id, request }: WorkerRequest) => {
  try {
    parentPort!.postMessage({ id, hits: executor.search(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
