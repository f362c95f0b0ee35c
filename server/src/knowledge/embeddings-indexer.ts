import { nowIso } from '../core/ids';
import type { Logger } from '../logging/logger';
import type { EmbeddingsClient } from './embeddings-client';
import type { KnowledgeRepository } from './knowledge-repository';

/**
 * Fills in vectors for chunks that have none, in the background and one batch at a time. Vectors
 * are keyed by chunk content, so re-indexing unchanged text never calls the endpoint again. A failure
 * is logged and left for the next run: retrieval simply keeps using BM25 for those chunks.
 */
const BATCH_SIZE = 64;

export function embeddingInputOf(chunk: { title: string; headingPath: string[]; text: string }): string {
  return [chunk.title, ...chunk.headingPath, chunk.text].join('\n').slice(0, 8000);
}

export function createEmbeddingsIndexer({ repository, client, logger }: { repository: KnowledgeRepository; client: EmbeddingsClient; logger: Logger }) {
  let running: Promise<number> | null = null;
  let again = false;

  async function fill(): Promise<number> {
    let stored = 0;
    for (;;) {
      const chunks = repository.chunksMissingEmbeddings(client.model, client.dimensionsKey, BATCH_SIZE);
      if (chunks.length === 0) return stored;
      const vectors = await client.embed(chunks.map(embeddingInputOf));
      const at = nowIso();
      chunks.forEach((chunk, index) => repository.insertEmbedding(chunk.contentHash, client.model, client.dimensionsKey, vectors[index], at));
      stored += chunks.length;
    }
  }

  /** Runs (or joins) a fill; resolves with the number of vectors stored, 0 after a logged failure. */
  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await fill();
        } while (again);
      } catch (error) {
        logger.warn('knowledge embeddings failed; retrieval continues with BM25 only', { error: error instanceof Error ? error.message : String(error) });
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  }

  return { run };
}
export type EmbeddingsIndexer = ReturnType<typeof createEmbeddingsIndexer>;
