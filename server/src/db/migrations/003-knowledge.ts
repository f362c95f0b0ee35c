import type { Migration } from '../migrate';

/**
 * Knowledge sets, their sources, the chunks cut from them, a full-text index over the chunks and
 * optional embeddings. The FTS table holds our own normalised search text (stop words dropped,
 * light stemming done in TypeScript), not the display text: the query builder then sees exactly the
 * terms the index holds and can ask `knowledge_vocab` how common each one is before querying.
 */
export const knowledgeSchema: Migration = {
  id: 3,
  name: 'knowledge: sets, sources, chunks, full-text index, embeddings',
  sql: `
CREATE TABLE knowledge_sets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  wordpress TEXT,                -- JSON { types: [...] } once the set follows site content; NULL otherwise
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE knowledge_sources (
  id TEXT PRIMARY KEY,
  set_id TEXT NOT NULL REFERENCES knowledge_sets(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('faq','file','wordpress')),
  external_id TEXT,              -- 'page:12' for site content: the key pushes and syncs match on
  title TEXT NOT NULL,
  url TEXT,
  data TEXT NOT NULL,            -- JSON: the FAQ's question/answer, the file's name/type/size, the post's type/id/modified
  content TEXT NOT NULL,         -- extracted text with Markdown headings, kept so a re-index needs no re-upload
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued','indexed','failed')),
  failure_reason TEXT,
  chunk_count INTEGER NOT NULL DEFAULT 0,
  last_synced_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX knowledge_sources_set ON knowledge_sources(set_id, created_at, id);
-- Lets retrieval sum chunks per set from the index, never reading the stored content.
CREATE INDEX knowledge_sources_set_chunks ON knowledge_sources(set_id, chunk_count);
CREATE UNIQUE INDEX knowledge_sources_external ON knowledge_sources(set_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE knowledge_chunks (
  rowid INTEGER PRIMARY KEY,     -- shared with knowledge_fts
  id TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES knowledge_sources(id) ON DELETE CASCADE,
  set_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  url TEXT,
  heading_path TEXT NOT NULL,    -- JSON array of headings, outermost first
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL     -- of heading path + text: the embedding cache key
);
CREATE INDEX knowledge_chunks_source ON knowledge_chunks(source_id, position);
CREATE INDEX knowledge_chunks_set ON knowledge_chunks(set_id);
CREATE INDEX knowledge_chunks_hash ON knowledge_chunks(content_hash);

CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, headings, body, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE knowledge_vocab USING fts5vocab(knowledge_fts, 'row');

-- Keyed by chunk content, not chunk id: re-indexing unchanged text never pays for a new vector.
CREATE TABLE knowledge_embeddings (
  content_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  dimensions INTEGER NOT NULL,
  vector BLOB NOT NULL,          -- little-endian float32, unit length
  created_at TEXT NOT NULL,
  PRIMARY KEY (content_hash, model, dimensions)
);
`,
};
