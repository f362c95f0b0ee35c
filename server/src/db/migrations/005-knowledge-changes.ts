import type { Migration } from '../migrate';

/**
 * A log of changed chunk rowids, written by triggers in the same transaction as the change. Retrieval
 * keeps an in-memory index per worker thread (knowledge/memory-index.ts); each worker reads the log
 * past the last entry it applied and re-reads just those chunks, so an edit is searchable by the next
 * query on every thread, with no message between threads. The log only needs to reach back as far
 * as the slowest reader: the repository trims old entries, and a reader that finds its place
 * trimmed away reloads in full.
 */
export const knowledgeChangesSchema: Migration = {
  id: 5,
  name: 'knowledge: chunk change log for in-memory indexes',
  sql: `
CREATE TABLE knowledge_chunk_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: never reused, so "after seq N" is exact
  chunk_rowid INTEGER NOT NULL            -- the chunk to re-read: present → (re)index it, gone → drop it
);

CREATE TRIGGER knowledge_chunks_log_insert AFTER INSERT ON knowledge_chunks
BEGIN INSERT INTO knowledge_chunk_changes (chunk_rowid) VALUES (new.rowid); END;

CREATE TRIGGER knowledge_chunks_log_update AFTER UPDATE ON knowledge_chunks
BEGIN INSERT INTO knowledge_chunk_changes (chunk_rowid) VALUES (old.rowid), (new.rowid); END;

CREATE TRIGGER knowledge_chunks_log_delete AFTER DELETE ON knowledge_chunks
BEGIN INSERT INTO knowledge_chunk_changes (chunk_rowid) VALUES (old.rowid); END;
`,
};
