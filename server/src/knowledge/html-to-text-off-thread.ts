import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_HTML_BYTES } from '../config/config';
import { AppError } from '../core/errors';
import { chunkRowsOf, type ChunkableDocument, type ChunkRow } from './chunk-rows';
import { extractHtml, type HtmlExtract } from './html-to-text';
import { workerScript } from './worker-script';

/**
 * Text extraction for HTML that post authors and uploaders control (security review, finding 4).
 * - Above the size limit (AA_KNOWLEDGE_MAX_HTML_BYTES, default 2 MiB) the content is refused with
 *   `content_too_large`, before any parsing.
 * - Small pages (most posts) are extracted inline: a few milliseconds at most.
 * - Larger ones go to one worker thread, kept alive between pages and stopped when idle; a page that
 *   is not done within the timeout ends the worker and fails with `content_unreadable`.
 * The same thread also cuts large documents into chunk rows (`chunkRows`, used by source-indexer.ts).
 */
/** ~10 ms of extraction on one core: below it a thread hop costs more than it saves. */
export const INLINE_HTML_CHARS = 64 * 1024;
const EXTRACTION_TIMEOUT_MS = 20_000;
const IDLE_STOP_MS = 30_000;

/** Documents up to this long are chunked and stemmed inline (about 5 ms); longer ones in the thread. */
export const INLINE_CHUNK_CHARS = 24 * 1024;

export interface HtmlExtractor {
  extract(html: string, what: string): Promise<HtmlExtract>;
  /** Chunk rows of a document, computed off the main thread when it is longer than `inlineChunkChars`. */
  chunkRows(document: ChunkableDocument, sourceId: string): Promise<ChunkRow[]>;
  close(): Promise<void>;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;
}

export function createHtmlExtractor(options: { maxBytes?: number; inlineChars?: number; inlineChunkChars?: number; timeoutMs?: number } = {}): HtmlExtractor {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_HTML_BYTES;
  const inlineChunkChars = options.inlineChunkChars ?? INLINE_CHUNK_CHARS;
  const inlineChars = options.inlineChars ?? INLINE_HTML_CHARS;
  const timeoutMs = options.timeoutMs ?? EXTRACTION_TIMEOUT_MS;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  /** `parts`: rows that came ahead of the last message of a chunk-rows job. */
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout; parts: unknown[] }>();

  function failAll(error: Error): void {
    for (const [id, job] of pending) {
      clearTimeout(job.timer);
      job.reject(error);
      pending.delete(id);
    }
  }

  function stopWorker(): Promise<void> {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const current = worker;
    worker = null;
    return current ? current.terminate().then(() => undefined) : Promise.resolve();
  }

  function startWorker(): Worker {
    const { file, execArgv } = workerScript('html-to-text-worker');
    const started = new Worker(file, { execArgv, stdout: true, stderr: true });
    started.unref();
    started.on('message', (message: { id: number; part?: unknown[]; result?: unknown; error?: string }) => {
      const job = pending.get(message.id);
      if (!job) return;
      if (message.part) {
        job.parts.push(...message.part);
        return;
      }
      pending.delete(message.id);
      clearTimeout(job.timer);
      if (message.result !== undefined) job.resolve(Array.isArray(message.result) && job.parts.length > 0 ? [...job.parts, ...message.result] : message.result);
      else job.reject(new Error(message.error ?? 'unknown error'));
      scheduleIdleStop();
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new Error('the extraction thread stopped'));
    });
    return started;
  }

  function scheduleIdleStop(): void {
    if (idleTimer) clearTimeout(idleTimer);
    if (pending.size > 0) return;
    idleTimer = setTimeout(() => void stopWorker(), IDLE_STOP_MS);
    idleTimer.unref();
  }

  function offThread<Result>(job: Record<string, unknown>): Promise<Result> {
    if (idleTimer) clearTimeout(idleTimer);
    worker ??= startWorker();
    const id = nextId++;
    const current = worker;
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`not done after ${timeoutMs / 1000} s`));
        // The thread may be stuck on this page: end it; the next page starts a fresh one.
        if (worker === current) void stopWorker();
      }, timeoutMs);
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer, parts: [] });
      current.postMessage({ ...job, id });
    });
  }

  return {
    async extract(html, what) {
      const bytes = Buffer.byteLength(html, 'utf8');
      if (bytes > maxBytes) {
        throw new AppError(
          `${what} is ${mebibytes(bytes)} of HTML; the service indexes HTML up to ${mebibytes(maxBytes)} (AA_KNOWLEDGE_MAX_HTML_BYTES). Split the page, or raise the limit.`,
          { status: 413, code: 'content_too_large', details: { bytes, maxBytes } },
        );
      }
      if (html.length <= inlineChars) return extractHtml(html);
      try {
        return await offThread<HtmlExtract>({ html });
      } catch (error) {
        throw new AppError(`${what} could not be turned into text (${error instanceof Error ? error.message : String(error)}).`, {
          status: 422,
          code: 'content_unreadable',
        });
      }
    },
    async chunkRows(document, sourceId) {
      if (document.text.length <= inlineChunkChars) return chunkRowsOf(document, sourceId);
      const { setId, title, url, text } = document;
      return offThread<ChunkRow[]>({ document: { setId, title, url, text }, sourceId });
    },
    async close() {
      failAll(new Error('the service is stopping'));
      await stopWorker();
    },
  };
}
