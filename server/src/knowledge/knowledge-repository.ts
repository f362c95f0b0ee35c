import { z } from 'zod';
import type { Database } from '../db/database';
import { jsonShapes, readJsonColumn, writeJsonColumn, writeNullableJsonColumn } from '../db/json-column';
import { ftsColumns, type ChunkRow } from './chunk-rows';
import { SEARCH_TEXT_VERSION } from './search-text';
import { WORDPRESS_CONTENT_TYPES, type ChunkRecord, type KnowledgeSet, type KnowledgeSource, type SourceKind, type SourceStatus } from '../contract/knowledge-types';

const wordpressShape = z.object({ types: z.array(z.enum(WORDPRESS_CONTENT_TYPES)) });

/**
 * The only code that writes knowledge tables. Chunks and their full-text rows change together in
 * one transaction, so a reader (the retrieval workers read the same file) sees either the old
 * chunks of a source or the new ones, never a mix or none.
 */
interface SetRow {
  id: string;
  name: string;
  description: string;
  wordpress: string | null;
  created_at: string;
  updated_at: string;
  source_count: number;
  chunk_count: number;
}

interface SourceRow {
  id: string;
  set_id: string;
  kind: SourceKind;
  external_id: string | null;
  title: string;
  url: string | null;
  data: string;
  content: string;
  content_hash: string;
  status: SourceStatus;
  failure_reason: string | null;
  chunk_count: number;
  last_synced_at: string | null;
  created_at: string;
  updated_at: string;
}

function toSet(row: SetRow): KnowledgeSet {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    wordpress: readJsonColumn<KnowledgeSet['wordpress']>(row.wordpress || null, null, { column: 'knowledge_sets.wordpress', rowId: row.id, schema: wordpressShape }),
    sourceCount: row.source_count,
    chunkCount: row.chunk_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSource(row: SourceRow): KnowledgeSource {
  return {
    id: row.id,
    knowledgeSetId: row.set_id,
    kind: row.kind,
    externalId: row.external_id,
    title: row.title,
    url: row.url,
    data: readJsonColumn<Record<string, unknown>>(row.data, {}, { column: 'knowledge_sources.data', rowId: row.id, schema: jsonShapes.object }),
    contentHash: row.content_hash,
    status: row.status,
    failureReason: row.failure_reason,
    chunkCount: row.chunk_count,
    lastSyncedAt: row.last_synced_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface SourceWrite {
  id: string;
  setId: string;
  kind: SourceKind;
  externalId: string | null;
  title: string;
  url: string | null;
  data: Record<string, unknown>;
  content: string;
  contentHash: string;
  status: SourceStatus;
  failureReason: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Entries of knowledge_chunk_changes kept (migration 005). A retrieval worker more than this many
 * chunk changes behind reloads its index from the chunks instead, which is cheaper at that point.
 */
export const CHANGE_LOG_ENTRIES_KEPT = 100_000;

const SET_COLUMNS = `s.*,
  (SELECT COUNT(*) FROM knowledge_sources WHERE set_id = s.id) AS source_count,
  (SELECT COALESCE(SUM(chunk_count), 0) FROM knowledge_sources WHERE set_id = s.id) AS chunk_count`;

/** Settings key holding the SEARCH_TEXT_VERSION the stored search text was made with. */
export const SEARCH_TEXT_VERSION_SETTING = 'knowledge.search_text_version';

/**
 * Set ids that park chunks outside every knowledge set (no real set id starts with '~'): retrieval
 * filters on set_id, so parked chunks are never answered from. A large re-index writes its new
 * chunks under STAGING_SET_ID in small batches and swaps them in with one short transaction; the
 * chunks it replaced move to RETIRED_SET_ID in that same transaction and are deleted in batches
 * afterwards (staged-reindex.ts). Anything still parked at start-up is left from a stopped process.
 */
export const STAGING_SET_ID = '~staging';
export const RETIRED_SET_ID = '~retired';

export function createKnowledgeRepository(db: Database) {
  const statements = {
    insertSet: db.prepare('INSERT INTO knowledge_sets (id, name, description, wordpress, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    updateSet: db.prepare('UPDATE knowledge_sets SET name = ?, description = ?, wordpress = ?, updated_at = ? WHERE id = ?'),
    findSet: db.prepare(`SELECT ${SET_COLUMNS} FROM knowledge_sets s WHERE s.id = ?`),
    listSets: db.prepare(`SELECT ${SET_COLUMNS} FROM knowledge_sets s ORDER BY s.created_at, s.id`),
    deleteSet: db.prepare('DELETE FROM knowledge_sets WHERE id = ?'),
    insertSource: db.prepare(`INSERT INTO knowledge_sources
      (id, set_id, kind, external_id, title, url, data, content, content_hash, status, failure_reason, chunk_count, last_synced_at, created_at, updated_at)
      VALUES (@id, @setId, @kind, @externalId, @title, @url, @data, @content, @contentHash, @status, @failureReason, 0, @lastSyncedAt, @createdAt, @updatedAt)`),
    updateSource: db.prepare(`UPDATE knowledge_sources SET title = @title, url = @url, data = @data, content = @content,
      content_hash = @contentHash, status = @status, failure_reason = @failureReason, last_synced_at = @lastSyncedAt, updated_at = @updatedAt WHERE id = @id`),
    setStatus: db.prepare('UPDATE knowledge_sources SET status = ?, failure_reason = ?, updated_at = ? WHERE id = ?'),
    setChunkCount: db.prepare('UPDATE knowledge_sources SET chunk_count = ? WHERE id = ?'),
    markIndexed: db.prepare('UPDATE knowledge_sources SET status = ?, failure_reason = NULL, updated_at = ?, last_synced_at = ? WHERE id = ?'),
    findSource: db.prepare('SELECT * FROM knowledge_sources WHERE id = ?'),
    findByExternal: db.prepare('SELECT * FROM knowledge_sources WHERE set_id = ? AND external_id = ?'),
    listSources: db.prepare('SELECT * FROM knowledge_sources WHERE set_id = ? ORDER BY created_at, id'),
    listExternal: db.prepare("SELECT * FROM knowledge_sources WHERE set_id = ? AND kind = 'wordpress'"),
    sourceContent: db.prepare('SELECT content FROM knowledge_sources WHERE id = ?'),
    deleteSource: db.prepare('DELETE FROM knowledge_sources WHERE id = ?'),
    chunkHashesOfSource: db.prepare('SELECT DISTINCT content_hash FROM knowledge_chunks WHERE source_id = ?'),
    chunkHashesOfSet: db.prepare('SELECT DISTINCT content_hash FROM knowledge_chunks WHERE set_id = ?'),
    deleteFtsOfSource: db.prepare('DELETE FROM knowledge_fts WHERE rowid IN (SELECT rowid FROM knowledge_chunks WHERE source_id = ?)'),
    deleteChunksOfSource: db.prepare('DELETE FROM knowledge_chunks WHERE source_id = ?'),
    trimChangeLog: db.prepare('DELETE FROM knowledge_chunk_changes WHERE seq <= (SELECT MAX(seq) FROM knowledge_chunk_changes) - ?'),
    sourceIdsOfSet: db.prepare('SELECT id FROM knowledge_sources WHERE set_id = ?'),
    insertChunk: db.prepare(`INSERT INTO knowledge_chunks (id, source_id, set_id, position, title, url, heading_path, text, content_hash)
      VALUES (@id, @sourceId, @setId, @position, @title, @url, @headingPath, @text, @contentHash)`),
    insertFts: db.prepare('INSERT INTO knowledge_fts (rowid, title, headings, body) VALUES (?, ?, ?, ?)'),
    chunksOfSource: db.prepare("SELECT * FROM knowledge_chunks WHERE source_id = ? AND set_id NOT LIKE '~%' ORDER BY position"),
    retireChunksOfSource: db.prepare("UPDATE knowledge_chunks SET set_id = ? WHERE source_id = ? AND set_id NOT LIKE '~%'"),
    unparkChunks: db.prepare('UPDATE knowledge_chunks SET set_id = ? WHERE source_id = ? AND set_id = ?'),
    parkedBatch: db.prepare('SELECT rowid, content_hash FROM knowledge_chunks WHERE source_id = ? AND set_id = ? LIMIT ?'),
    anyParkedBatch: db.prepare('SELECT rowid, content_hash FROM knowledge_chunks WHERE set_id IN (?, ?) LIMIT ?'),
    deleteFtsRow: db.prepare('DELETE FROM knowledge_fts WHERE rowid = ?'),
    deleteChunkRow: db.prepare('DELETE FROM knowledge_chunks WHERE rowid = ?'),
    deleteOrphanEmbedding: db.prepare('DELETE FROM knowledge_embeddings WHERE content_hash = ? AND NOT EXISTS (SELECT 1 FROM knowledge_chunks WHERE content_hash = ?)'),
    missingEmbeddings: db.prepare(`SELECT c.content_hash AS contentHash, MIN(c.rowid) AS rowid FROM knowledge_chunks c
      WHERE NOT EXISTS (SELECT 1 FROM knowledge_embeddings e WHERE e.content_hash = c.content_hash AND e.model = ? AND e.dimensions = ?)
      GROUP BY c.content_hash LIMIT ?`),
    chunkByRowid: db.prepare('SELECT * FROM knowledge_chunks WHERE rowid = ?'),
    insertEmbedding: db.prepare(`INSERT OR REPLACE INTO knowledge_embeddings (content_hash, model, dimensions, vector, created_at) VALUES (?, ?, ?, ?, ?)`),
    countEmbeddings: db.prepare('SELECT COUNT(*) AS count FROM knowledge_embeddings'),
  };

  function removeOrphanEmbeddings(hashes: string[]): void {
    for (const hash of hashes) statements.deleteOrphanEmbedding.run(hash, hash);
  }

  function removeChunksOfSource(sourceId: string): string[] {
    const hashes = (statements.chunkHashesOfSource.all(sourceId) as Array<{ content_hash: string }>).map((row) => row.content_hash);
    statements.deleteFtsOfSource.run(sourceId);
    statements.deleteChunksOfSource.run(sourceId);
    statements.trimChangeLog.run(CHANGE_LOG_ENTRIES_KEPT);
    return hashes;
  }

  function insertChunkRow(sourceId: string, setId: string, chunk: ChunkRow): void {
    const { lastInsertRowid } = statements.insertChunk.run({
      id: chunk.id,
      sourceId,
      setId,
      position: chunk.position,
      title: chunk.title,
      url: chunk.url,
      headingPath: writeJsonColumn(chunk.headingPath),
      text: chunk.text,
      contentHash: chunk.contentHash,
    });
    statements.insertFts.run(lastInsertRowid, ...chunk.fts);
  }

  const insertStagedChunks = db.transaction((sourceId: string, chunks: ChunkRow[]) => {
    for (const chunk of chunks) insertChunkRow(sourceId, STAGING_SET_ID, chunk);
  });

  /** The swap: the source's live chunks are retired and its staged ones take their place, in one transaction. */
  const swapInStagedChunks = db.transaction((sourceId: string, setId: string, chunkCount: number, at: string) => {
    statements.retireChunksOfSource.run(RETIRED_SET_ID, sourceId);
    statements.unparkChunks.run(setId, sourceId, STAGING_SET_ID);
    statements.setChunkCount.run(chunkCount, sourceId);
    statements.markIndexed.run('indexed', at, at, sourceId);
  });

  /** Deletes up to `limit` parked chunks (of one source and parking set, or any); how many went. */
  const deleteParkedChunks = db.transaction((limit: number, which?: { sourceId: string; parkedSetId: string }): number => {
    const rows = (which ? statements.parkedBatch.all(which.sourceId, which.parkedSetId, limit) : statements.anyParkedBatch.all(STAGING_SET_ID, RETIRED_SET_ID, limit)) as Array<{ rowid: number; content_hash: string }>;
    for (const row of rows) {
      statements.deleteFtsRow.run(row.rowid);
      statements.deleteChunkRow.run(row.rowid);
    }
    removeOrphanEmbeddings([...new Set(rows.map((row) => row.content_hash))]);
    statements.trimChangeLog.run(CHANGE_LOG_ENTRIES_KEPT);
    return rows.length;
  });

  const replaceChunks = db.transaction((sourceId: string, chunks: ChunkRow[], finalStatus: { status: SourceStatus; updatedAt: string; lastSyncedAt: string }) => {
    const oldHashes = removeChunksOfSource(sourceId);
    for (const chunk of chunks) insertChunkRow(sourceId, chunk.setId, chunk);
    removeOrphanEmbeddings(oldHashes);
    statements.setChunkCount.run(chunks.length, sourceId);
    statements.markIndexed.run(finalStatus.status, finalStatus.updatedAt, finalStatus.lastSyncedAt, sourceId);
  });

  /**
   * Stored search text made by an older normalisation (another stemmer, other synonyms) would no
   * longer meet the questions' terms: it is rebuilt from the chunks in one transaction. The chunks
   * themselves do not change, so no change-log entry is written; retrieval workers load afterwards.
   */
  const rebuildSearchText = db.transaction((): number => {
    const chunks = db.prepare('SELECT rowid, id, title, heading_path, text FROM knowledge_chunks').all() as Array<{ rowid: number; id: string; title: string; heading_path: string; text: string }>;
    db.prepare('DELETE FROM knowledge_fts').run();
    for (const chunk of chunks) {
      const headingPath = readJsonColumn<string[]>(chunk.heading_path, [], { column: 'knowledge_chunks.heading_path', rowId: chunk.id, schema: jsonShapes.strings });
      statements.insertFts.run(chunk.rowid, ...ftsColumns({ title: chunk.title, headingPath, text: chunk.text }));
    }
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(
      SEARCH_TEXT_VERSION_SETTING,
      writeJsonColumn(SEARCH_TEXT_VERSION),
      new Date().toISOString(),
    );
    return chunks.length;
  });

  /** Rebuilds the search text when it was made by another SEARCH_TEXT_VERSION; the chunks rebuilt, or null. */
  function ensureSearchTextVersion(): number | null {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SEARCH_TEXT_VERSION_SETTING) as { value: string } | undefined;
    if (row && row.value === JSON.stringify(SEARCH_TEXT_VERSION)) return null;
    return rebuildSearchText();
  }

  const removeSource = db.transaction((sourceId: string): boolean => {
    const hashes = removeChunksOfSource(sourceId);
    const removed = statements.deleteSource.run(sourceId).changes > 0;
    removeOrphanEmbeddings(hashes);
    return removed;
  });

  const removeSet = db.transaction((setId: string): boolean => {
    const hashes = (statements.chunkHashesOfSet.all(setId) as Array<{ content_hash: string }>).map((row) => row.content_hash);
    for (const { id } of statements.sourceIdsOfSet.all(setId) as Array<{ id: string }>) removeChunksOfSource(id);
    const removed = statements.deleteSet.run(setId).changes > 0;
    removeOrphanEmbeddings(hashes);
    return removed;
  });

  function sourceParameters(source: SourceWrite) {
    return { ...source, data: writeJsonColumn(source.data) };
  }

  return {
    ensureSearchTextVersion,
    insertSet(set: { id: string; name: string; description: string; wordpress: KnowledgeSet['wordpress']; createdAt: string }): void {
      statements.insertSet.run(set.id, set.name, set.description, writeNullableJsonColumn(set.wordpress), set.createdAt, set.createdAt);
    },
    updateSet(set: { id: string; name: string; description: string; wordpress: KnowledgeSet['wordpress']; updatedAt: string }): void {
      statements.updateSet.run(set.name, set.description, writeNullableJsonColumn(set.wordpress), set.updatedAt, set.id);
    },
    findSet(id: string): KnowledgeSet | null {
      const row = statements.findSet.get(id) as SetRow | undefined;
      return row ? toSet(row) : null;
    },
    listSets(): KnowledgeSet[] {
      return (statements.listSets.all() as SetRow[]).map(toSet);
    },
    removeSet: (id: string): boolean => removeSet(id),
    insertSource(source: SourceWrite): void {
      statements.insertSource.run(sourceParameters(source));
    },
    updateSource(source: SourceWrite): void {
      statements.updateSource.run(sourceParameters(source));
    },
    setStatus(id: string, status: SourceStatus, failureReason: string | null, updatedAt: string): void {
      statements.setStatus.run(status, failureReason, updatedAt, id);
    },
    findSource(id: string): KnowledgeSource | null {
      const row = statements.findSource.get(id) as SourceRow | undefined;
      return row ? toSource(row) : null;
    },
    sourceContent(id: string): string | null {
      const row = statements.sourceContent.get(id) as { content: string } | undefined;
      return row ? row.content : null;
    },
    findByExternalId(setId: string, externalId: string): KnowledgeSource | null {
      const row = statements.findByExternal.get(setId, externalId) as SourceRow | undefined;
      return row ? toSource(row) : null;
    },
    listSources(setId: string): KnowledgeSource[] {
      return (statements.listSources.all(setId) as SourceRow[]).map(toSource);
    },
    listWordpressSources(setId: string): KnowledgeSource[] {
      return (statements.listExternal.all(setId) as SourceRow[]).map(toSource);
    },
    /** Replaces every chunk of a source and marks it indexed, atomically (small sources, in one go). */
    replaceChunks(sourceId: string, chunks: ChunkRow[], at: string): void {
      replaceChunks(sourceId, chunks, { status: 'indexed', updatedAt: at, lastSyncedAt: at });
    },
    /** One batch of a large re-index, written where no reader looks (STAGING_SET_ID). */
    insertStagedChunks: (sourceId: string, chunks: ChunkRow[]): void => insertStagedChunks(sourceId, chunks),
    swapInStagedChunks: (sourceId: string, setId: string, chunkCount: number, at: string): void => swapInStagedChunks(sourceId, setId, chunkCount, at),
    deleteParkedChunks: (limit: number, which?: { sourceId: string; parkedSetId: string }): number => deleteParkedChunks(limit, which),
    removeSource: (id: string): boolean => removeSource(id),
    chunksOfSource(sourceId: string): ChunkRecord[] {
      return (statements.chunksOfSource.all(sourceId) as Array<Record<string, unknown>>).map(toChunk);
    },
    /** Chunk texts that have no vector yet for this model, one per distinct content. */
    chunksMissingEmbeddings(model: string, dimensions: number, limit: number): ChunkRecord[] {
      const rows = statements.missingEmbeddings.all(model, dimensions, limit) as Array<{ rowid: number }>;
      return rows.map((row) => toChunk(statements.chunkByRowid.get(row.rowid) as Record<string, unknown>));
    },
    insertEmbedding(contentHash: string, model: string, dimensions: number, vector: Float32Array, at: string): void {
      statements.insertEmbedding.run(contentHash, model, dimensions, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), at);
    },
    countEmbeddings(): number {
      return (statements.countEmbeddings.get() as { count: number }).count;
    },
  };
}
export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;

function toChunk(row: Record<string, unknown>): ChunkRecord {
  return {
    id: String(row.id),
    sourceId: String(row.source_id),
    setId: String(row.set_id),
    position: Number(row.position),
    title: String(row.title),
    url: row.url === null ? null : String(row.url),
    headingPath: readJsonColumn<string[]>(row.heading_path as string | null, [], { column: 'knowledge_chunks.heading_path', rowId: String(row.id), schema: jsonShapes.strings }),
    text: String(row.text),
    contentHash: String(row.content_hash),
  };
}
