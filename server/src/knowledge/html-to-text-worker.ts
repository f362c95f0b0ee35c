import { parentPort } from 'node:worker_threads';
import { extractHtml } from './html-to-text';

/**
 * Extracts text from large HTML in its own thread (html-to-text-off-thread.ts), so a big post being
 * indexed never holds the event loop that answers chats and /health. Stays alive for the next page.
 */
parentPort!.on('message', (message: { id: number; html: string }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: extractHtml(message.html) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
