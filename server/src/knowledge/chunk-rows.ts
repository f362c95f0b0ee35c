import { newId } from '../core/ids';
import { sha256Hex } from '../security/request-signing';
import { chunkDocument } from './chunker';
import { searchLanguageOf, searchText } from './search-text';
import type { ChunkRecord } from '../contract/knowledge-types';

/**
 * The CPU-heavy half of indexing a source: chunking, language detection and stemming. It has no
 * database and no shared state, so it runs on the main thread for small documents and in the text
 * worker (html-to-text-worker.ts) for large ones; both give the same rows.
 */
export interface ChunkRow extends ChunkRecord {
  /** knowledge_fts columns: title, headings, body, as stored search text. */
  fts: [string, string, string];
}

/** The three FTS columns of a chunk, all stemmed in the language of the chunk as a whole. */
export function ftsColumns(chunk: { title: string; headingPath: string[]; text: string }): [string, string, string] {
  const headings = chunk.headingPath.join(' \n ');
  const language = searchLanguageOf(`${chunk.title}\n${headings}\n${chunk.text}`);
  return [searchText(chunk.title, language), searchText(headings, language), searchText(chunk.text, language)];
}

export interface ChunkableDocument {
  setId: string;
  title: string;
  url: string | null;
  /** Plain text with Markdown headings. */
  text: string;
}

export function chunkRowsOf(document: ChunkableDocument, sourceId: string): ChunkRow[] {
  return chunkDocument(document.text, document.title).map((draft) => {
    const record: ChunkRecord = {
      id: newId('kch'),
      sourceId,
      setId: document.setId,
      position: draft.position,
      title: document.title,
      url: document.url,
      headingPath: draft.headingPath,
      text: draft.text,
      contentHash: sha256Hex(JSON.stringify([document.title, draft.headingPath, draft.text])),
    };
    return { ...record, fts: ftsColumns(record) };
  });
}
