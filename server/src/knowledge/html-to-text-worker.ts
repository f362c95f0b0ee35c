import { parentPort } from 'node:worker_threads';
import { chunkRowsOf, type ChunkableDocument } from './chunk-rows';
import { extractHtml } from './html-to-text';

/**
 * The knowledge text thread (html-to-text-off-thread.ts): extracts text from large HTML, and cuts
 * large documents into ready chunk rows (chunking, language detection, stemming), so neither holds
 * the event loop that answers chats and /health. Stays alive for the next page.
 */
/** Rows go back in parts: one big message would be deserialised on the main thread in one go (tens of ms). */
const ROWS_PER_MESSAGE = 250;

type Job = { id: number; html: string } | { id: number; document: ChunkableDocument; sourceId: string };

parentPort!.on('message', (message: Job) => {
  try {
    if ('html' in message) {
      parentPort!.postMessage({ id: message.id, result: extractHtml(message.html) });
      return;
    }
    const rows = chunkRowsOf(message.document, message.sourceId);
    for (let offset = 0; offset + ROWS_PER_MESSAGE < rows.length; offset += ROWS_PER_MESSAGE) {
      parentPort!.postMessage({ id: message.id, part: rows.slice(offset, offset + ROWS_PER_MESSAGE) });
    }
    parentPort!.postMessage({ id: message.id, result: rows.slice(Math.floor(Math.max(rows.length - 1, 0) / ROWS_PER_MESSAGE) * ROWS_PER_MESSAGE) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
