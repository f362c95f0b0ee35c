import { performance } from 'node:perf_hooks';
import { nowIso } from '../core/ids';
import type { ChunkRow } from './chunk-rows';
import { RETIRED_SET_ID, STAGING_SET_ID, type KnowledgeRepository } from './knowledge-repository';

/**
 * Writes a large source's chunks without holding the event loop (security review, finding 4: no
 * request holds the loop for more than 50 ms). One transaction for 3000 chunks with their FTS rows
 * and change-log triggers took about half a second; here the rows go in batches of a few
 * milliseconds each, with a turn of the event loop between batches, under STAGING_SET_ID where no
 * reader looks. One short transaction then swaps them in (old chunks → RETIRED_SET_ID, staged →
 * the real set), so retrieval and the in-memory indexes (via knowledge_chunk_changes) see the old
 * chunks until that commit and the new ones right after, never a mix. Retired chunks are deleted
 * in batches afterwards. A failure before the swap leaves the old chunks live and deletes the staged
 * ones; whatever a stopped process left parked is deleted at the next index of that source, or at
 * start-up (`deleteAllParked`).
 *
 * The caller makes sure only one staged re-index of a source runs at a time (source-indexer.ts).
 */
/** A batch stops growing past this many rows, and aims at about BATCH_BUDGET_MS of work. */
export const MAX_BATCH_ROWS = 300;
const FIRST_BATCH_ROWS = 50;
const BATCH_BUDGET_MS = 5;
const DELETE_BATCH_ROWS = 200;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function deleteParked(repository: KnowledgeRepository, which?: { sourceId: string; parkedSetId: string }): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = repository.deleteParkedChunks(DELETE_BATCH_ROWS, which);
    deleted += count;
    if (count < DELETE_BATCH_ROWS) return deleted;
    await nextTurn();
  }
}

/** Rows per batch from the last batch's pace, so each stays near the budget on a slow disk or a fast one. */
function nextBatchSize(rows: number, milliseconds: number): number {
  const perRow = Math.max(milliseconds, 0.01) / rows;
  return Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_BUDGET_MS / perRow)));
}

export async function stagedReindex(repository: KnowledgeRepository, source: { id: string; setId: string }, rows: ChunkRow[]): Promise<void> {
  const sourceId = source.id;
  // Left by a stopped process or a failed earlier run: never swapped in alongside this run's rows.
  await deleteParked(repository, { sourceId, parkedSetId: STAGING_SET_ID });
  try {
    let batchSize = FIRST_BATCH_ROWS;
    for (let offset = 0; offset < rows.length; ) {
      await nextTurn();
      const batch = rows.slice(offset, offset + batchSize);
      const started = performance.now();
      repository.insertStagedChunks(sourceId, batch);
      batchSize = nextBatchSize(batch.length, performance.now() - started);
      offset += batch.length;
    }
    await nextTurn();
    repository.swapInStagedChunks(sourceId, source.setId, rows.length, nowIso());
  } catch (error) {
    await deleteParked(repository, { sourceId, parkedSetId: STAGING_SET_ID }).catch(() => 0);
    throw error;
  }
  await deleteParked(repository, { sourceId, parkedSetId: RETIRED_SET_ID });
}

/**
 * Start-up, before any request: chunks parked by a process that stopped mid-way (staged, or retired
 * and not yet deleted). Synchronous on purpose: a re-index started meanwhile would lose its staged rows.
 */
export function deleteAllParked(repository: KnowledgeRepository): number {
  let deleted = 0;
  for (let count = DELETE_BATCH_ROWS; count === DELETE_BATCH_ROWS; deleted += count) count = repository.deleteParkedChunks(DELETE_BATCH_ROWS);
  return deleted;
}
