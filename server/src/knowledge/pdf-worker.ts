import { parentPort, workerData } from 'node:worker_threads';

/**
 * Extracts a PDF's text in its own thread: pdf.js is CPU-heavy on large files and would stall every
 * open chat if it ran on the main thread. unpdf ships a serverless pdf.js build, pure JavaScript.
 */
async function extract(bytes: Uint8Array): Promise<string[]> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(bytes);
  const { text } = await extractText(document, { mergePages: false });
  return text;
}

extract(workerData as Uint8Array).then(
  (pages) => parentPort!.postMessage({ pages }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
