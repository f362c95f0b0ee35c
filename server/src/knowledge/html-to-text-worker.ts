import { parentPort } from 'node:worker_threads';
import { chunkRowsOf, type ChunkableDocument } from './chunk-rows';
import { extractHtml } from './html-to-text';

/**
 * The knowledge text thread (html-to-text-off-thread.ts): extracts text from large HTML, and cuts
 * large documents into ready chunk rows (chunking, language detection, stemming), so neither holds
 * the event loop that answers chats and /health. Stays alive for the next page.
 */
type Job = { id: number; html: string } | { id: number; document: ChunkableDocument; sourceId: string };

parentPort!.on('message', (message: Job) => {
  try {
    const result = 'html' in message ? extractHtml(message.html) : chunkRowsOf(message.document, message.sourceId);
    parentPort!.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
