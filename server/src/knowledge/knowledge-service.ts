import { newId, nowIso } from '../core/ids';
import { AppError, NotFoundError, ValidationError } from '../core/errors';
import { parseOrThrow } from '../core/zod-issues';
import type { Logger } from '../logging/logger';
import { sha256Hex } from '../security/request-signing';
import type { EmbeddingsClient } from './embeddings-client';
import { createEmbeddingsIndexer } from './embeddings-indexer';
import { decodeUpload, extractFile, detectFormat } from './file-extractor';
import { createHtmlExtractor, type HtmlExtractor } from './html-to-text-off-thread';
import type { KnowledgeRepository } from './knowledge-repository';
import {
  WORDPRESS_CONTENT_TYPES,
  faqInputSchema,
  faqPatchSchema,
  filePatchSchema,
  fileUploadSchema,
  knowledgeSetInputSchema,
  knowledgeSetPatchSchema,
  searchPreviewSchema,
  syncRequestSchema,
  wordpressPushSchema,
  type KnowledgeHit,
  type KnowledgeSet,
  type KnowledgeSource,
  type RetrieveRequest,
  type WordpressContentType,
  type WordpressItem,
} from '../contract/knowledge-types';
import { bestPassage, isRelevant, relevantHits, DEFAULT_RELEVANCE_THRESHOLD } from './relevance';
import type { RetrievalPool } from './retrieval-pool';
import { searchTokens } from './search-text';
import { createSourceIndexer, type IndexOutcome, type SourceDocument } from './source-indexer';
import type { WordpressContentClient } from './wordpress-content-client';
import type { SearchPreview, SyncSummary } from '../contract/knowledge-results';

export type { SearchPreview, SyncSummary } from '../contract/knowledge-results';

export const WORDPRESS_SITE_URL_SETTING = 'wordpress.siteUrl';
const MAX_LIMIT = 50;
const QUERY_VECTOR_CACHE_SIZE = 200;
/** After a failed query embedding, chats skip the endpoint this long instead of each waiting for it to fail. */
const EMBEDDINGS_BACKOFF_MS = 30_000;

export interface KnowledgeServiceDependencies {
  repository: KnowledgeRepository;
  pool: RetrievalPool;
  embeddings: EmbeddingsClient | null;
  wordpress: WordpressContentClient;
  readSetting: (key: string) => unknown;
  agentKnowledgeSetIds: (agentId: string) => string[];
  /** Called after a set is deleted, so agents stop listing it (the container removes it from them). */
  onSetRemoved?: (setId: string) => void;
  logger: Logger;
  /** Text extraction of site content and uploaded HTML (size limit, off the main thread when large). */
  html?: HtmlExtractor;
}



function faqText(question: string, answer: string): string {
  // The question as a heading: it is then part of every chunk's heading path and weighs as a heading.
  return `# ${question}\n\n${answer}`;
}

/** The last word as typed, when the text ends inside a word (someone still typing in the preview). */
function trailingPrefix(query: string): string | null {
  const match = /([\p{L}\p{N}]{3,})$/u.exec(query.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase());
  return match ? match[1] : null;
}

function externalIdOf(item: { id: number; type: string }): string {
  return `${item.type}:${item.id}`;
}

export function createKnowledgeService(dependencies: KnowledgeServiceDependencies) {
  const { repository, pool, embeddings, wordpress, readSetting, agentKnowledgeSetIds, onSetRemoved, logger } = dependencies;
  const html = dependencies.html ?? createHtmlExtractor();
  const embeddingsIndexer = embeddings ? createEmbeddingsIndexer({ repository, client: embeddings, logger }) : null;
  const indexer = createSourceIndexer({
    repository,
    logger,
    // Vectors are filled in after the response; retrieval works on BM25 until they land.
    onIndexed: () => void embeddingsIndexer?.run(),
    // Large documents are chunked and stemmed in the text thread; the main thread only writes rows.
    chunkRows: (document, sourceId) => html.chunkRows(document, sourceId),
  });
  const queryVectors = new Map<string, Float32Array>();
  let embeddingsDownUntil = 0;

  function getSet(id: string): KnowledgeSet {
    const set = repository.findSet(id);
    if (!set) throw new NotFoundError('Knowledge set', id);
    return set;
  }

  function getSource(id: string): KnowledgeSource {
    const source = repository.findSource(id);
    if (!source) throw new NotFoundError('Knowledge source', id);
    return source;
  }

  async function wordpressDocument(setId: string, item: WordpressItem): Promise<SourceDocument> {
    const { text } = await html.extract(item.content_html, `The ${item.type} '${item.url}'`);
    return {
      setId,
      kind: 'wordpress',
      externalId: externalIdOf(item),
      title: item.title.trim() || item.url,
      url: item.url,
      data: { postId: item.id, postType: item.type, modifiedGmt: item.modified_gmt ?? null },
      text,
    };
  }

  async function queryVector(query: string): Promise<{ model: string; dimensions: number; values: Float32Array } | null> {
    if (!embeddings) return null;
    let values = queryVectors.get(query);
    if (!values) {
      if (Date.now() < embeddingsDownUntil) return null;
      try {
        [values] = await embeddings.embed([query]);
      } catch (error) {
        embeddingsDownUntil = Date.now() + EMBEDDINGS_BACKOFF_MS;
        logger.warn('query embedding failed; answering with BM25 only for the next 30 s', { error: error instanceof Error ? error.message : String(error) });
        return null;
      }
      if (queryVectors.size >= QUERY_VECTOR_CACHE_SIZE) queryVectors.delete(queryVectors.keys().next().value!);
      queryVectors.set(query, values);
    }
    return { model: embeddings.model, dimensions: embeddings.dimensionsKey, values };
  }

  async function retrieve({ knowledgeSetIds, query, limit = 5, minRelevance = DEFAULT_RELEVANCE_THRESHOLD }: RetrieveRequest): Promise<KnowledgeHit[]> {
    const tokens = searchTokens(query);
    if (knowledgeSetIds.length === 0 || tokens.length === 0) return [];
    const vector = await queryVector(query);
    const hits = await pool.search({
      knowledgeSetIds,
      tokens,
      prefix: trailingPrefix(query),
      limit: Math.min(Math.max(1, Math.floor(limit)), MAX_LIMIT),
      vector,
    });
    // Nothing relevant means nothing at all: the runtime then says it does not know (strict mode)
    // or answers without sources, instead of citing a chunk that merely shares a word.
    return isRelevant(hits, minRelevance) ? hits : [];
  }

  async function upsertWordpressItem(setId: string, item: WordpressItem): Promise<IndexOutcome> {
    const document = await wordpressDocument(setId, item);
    const existing = repository.findByExternalId(setId, externalIdOf(item));
    return (await indexer.indexOffLoop(document, existing)).outcome;
  }

  return {
    // Knowledge sets
    listSets: (): KnowledgeSet[] => repository.listSets(),
    getSet,
    createSet(input: unknown): KnowledgeSet {
      const settings = parseOrThrow(knowledgeSetInputSchema, input, 'knowledge set');
      const id = newId('ks');
      repository.insertSet({ id, ...settings, createdAt: nowIso() });
      return getSet(id);
    },
    updateSet(id: string, patch: unknown): KnowledgeSet {
      const current = getSet(id);
      const changes = parseOrThrow(knowledgeSetPatchSchema, patch, 'knowledge set changes');
      repository.updateSet({
        id,
        name: changes.name ?? current.name,
        description: changes.description ?? current.description,
        wordpress: changes.wordpress !== undefined ? changes.wordpress : current.wordpress,
        updatedAt: nowIso(),
      });
      return getSet(id);
    },
    /** Removes the set with every source, chunk, index row and orphaned vector, and takes it off every agent. */
    removeSet(id: string): void {
      if (!repository.removeSet(id)) throw new NotFoundError('Knowledge set', id);
      onSetRemoved?.(id);
    },

    // Sources
    listSources(setId: string): KnowledgeSource[] {
      getSet(setId);
      return repository.listSources(setId);
    },
    getSource,
    chunksOfSource(id: string) {
      getSource(id);
      return repository.chunksOfSource(id);
    },
    addFaq(setId: string, input: unknown): KnowledgeSource {
      getSet(setId);
      const faq = parseOrThrow(faqInputSchema, input, 'FAQ entry');
      return indexer.index(
        { setId, kind: 'faq', externalId: null, title: faq.question, url: faq.url ?? null, data: { question: faq.question, answer: faq.answer }, text: faqText(faq.question, faq.answer) },
        null,
      ).source;
    },
    async uploadFile(setId: string, input: unknown): Promise<KnowledgeSource> {
      getSet(setId);
      const upload = parseOrThrow(fileUploadSchema, input, 'file upload');
      const format = detectFormat(upload.filename, upload.contentType);
      const bytes = decodeUpload(upload.contentBase64);
      const data = { filename: upload.filename, contentType: upload.contentType, format, bytes: bytes.length };
      let extracted;
      try {
        extracted = await extractFile(upload.filename, upload.contentType, bytes, html);
      } catch (error) {
        if (error instanceof AppError && error.status === 422) {
          const title = upload.title ?? upload.filename;
          return indexer.recordFailure({ setId, kind: 'file', externalId: null, title, url: upload.url ?? null, data }, null, error.message, sha256Hex(bytes));
        }
        throw error;
      }
      return (await indexer.indexOffLoop({ setId, kind: 'file', externalId: null, title: upload.title ?? extracted.title, url: upload.url ?? null, data, text: extracted.text }, null)).source;
    },
    /** FAQ: question/answer/url; file: title/url. Site content changes only through WordPress. */
    async updateSource(id: string, patch: unknown): Promise<KnowledgeSource> {
      const source = getSource(id);
      const text = repository.sourceContent(id) ?? '';
      if (source.kind === 'faq') {
        const changes = parseOrThrow(faqPatchSchema, patch, 'FAQ changes');
        const question = changes.question ?? String(source.data.question);
        const answer = changes.answer ?? String(source.data.answer);
        const url = changes.url !== undefined ? changes.url : source.url;
        return (await indexer.indexOffLoop({ setId: source.knowledgeSetId, kind: 'faq', externalId: null, title: question, url, data: { question, answer }, text: faqText(question, answer) }, source)).source;
      }
      if (source.kind === 'file') {
        const changes = parseOrThrow(filePatchSchema, patch, 'file source changes');
        if (source.status === 'failed') throw new ValidationError('This file could not be read; delete it and upload a readable copy.', [], 'source_failed');
        return (
          await indexer.indexOffLoop(
            { setId: source.knowledgeSetId, kind: 'file', externalId: null, title: changes.title ?? source.title, url: changes.url !== undefined ? changes.url : source.url, data: source.data, text },
            source,
          )
        ).source;
      }
      throw new ValidationError('Site content follows WordPress: edit the page there, or run a sync.', [], 'source_read_only');
    },
    removeSource(id: string): void {
      if (!repository.removeSource(id)) throw new NotFoundError('Knowledge source', id);
    },

    // WordPress content
    /** Pulls site content through the bridge into the set; a full sync also drops pages gone from the site. */
    async syncWordpress(setId: string, input: unknown): Promise<SyncSummary> {
      const set = getSet(setId);
      const request = parseOrThrow(syncRequestSchema, input ?? {}, 'sync request');
      const configuredUrl = readSetting(WORDPRESS_SITE_URL_SETTING);
      const siteUrl = request.siteUrl ?? (typeof configuredUrl === 'string' && configuredUrl ? configuredUrl : null);
      if (!siteUrl) {
        throw new ValidationError(`The WordPress site URL is not known yet: send { "siteUrl": "https://…" } or save it in the '${WORDPRESS_SITE_URL_SETTING}' setting.`, [
          { path: 'siteUrl', message: 'expected the site URL' },
        ], 'wordpress_site_unknown');
      }
      const types: WordpressContentType[] = request.types ?? set.wordpress?.types ?? ['page', 'post'];
      repository.updateSet({ id: setId, name: set.name, description: set.description, wordpress: { types }, updatedAt: nowIso() });
      const summary: SyncSummary = { knowledgeSetId: setId, siteUrl, created: 0, updated: 0, unchanged: 0, failed: 0, removed: 0, rejected: [] };
      const seen = new Set<string>();
      for await (const page of wordpress.listAll({ siteUrl, types, since: request.since })) {
        summary.rejected.push(...page.rejected);
        for (const [index, item] of page.items.entries()) {
          if (!(types as string[]).includes(item.type)) continue;
          seen.add(externalIdOf(item));
          try {
            summary[await upsertWordpressItem(setId, item)]++;
          } catch (error) {
            // One oversized or unreadable page is reported and skipped; the rest of the site still syncs.
            if (!(error instanceof AppError) || (error.code !== 'content_too_large' && error.code !== 'content_unreadable')) throw error;
            summary.rejected.push({ index, reason: error.message });
          }
          // Each page is indexed in its own transaction; yielding between them lets open chats run.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (!request.since) {
        for (const source of repository.listWordpressSources(setId)) {
          if (source.externalId && !seen.has(source.externalId) && repository.removeSource(source.id)) summary.removed++;
        }
      }
      logger.info('knowledge sync finished', { ...summary, rejected: summary.rejected.length });
      return summary;
    },
    /** The plugin's call on save/delete: every set that follows site content of that type is updated at once. */
    async applyWordpressPush(input: unknown): Promise<{ event: 'saved' | 'deleted'; knowledgeSetIds: string[]; outcomes: Record<string, IndexOutcome | 'removed' | 'absent'> }> {
      const push = parseOrThrow(wordpressPushSchema, input, 'content push');
      const outcomes: Record<string, IndexOutcome | 'removed' | 'absent'> = {};
      for (const set of repository.listSets()) {
        if (push.event === 'saved') {
          if (!set.wordpress || !(set.wordpress.types as string[]).includes(push.item.type)) continue;
          outcomes[set.id] = await upsertWordpressItem(set.id, push.item);
        } else {
          const existing = repository.findByExternalId(set.id, externalIdOf(push.item));
          if (existing) outcomes[set.id] = repository.removeSource(existing.id) ? 'removed' : 'absent';
        }
      }
      return { event: push.event, knowledgeSetIds: Object.keys(outcomes), outcomes };
    },

    // Retrieval, for the runtime
    retrieve,
    /** The admin's "what would the agent retrieve" view, with scores and whether strict mode would answer. */
    async searchPreview(input: unknown): Promise<SearchPreview> {
      const request = parseOrThrow(searchPreviewSchema, input, 'search preview');
      const knowledgeSetIds = request.knowledgeSetIds ?? agentKnowledgeSetIds(request.agentId!);
      // The preview shows every match with its scores, including those strict mode would ignore.
      const hits = await retrieve({ knowledgeSetIds, query: request.query, limit: request.limit, minRelevance: 0 });
      return {
        query: request.query,
        knowledgeSetIds,
        terms: [...new Set(searchTokens(request.query))],
        relevant: isRelevant(hits),
        threshold: DEFAULT_RELEVANCE_THRESHOLD,
        hits,
      };
    },
    bestPassage,
    isRelevant,
    relevantHits,
    /** Waits for background embedding to finish (tests, and the end of a bulk import). Resolves with vectors stored. */
    embedPending: (): Promise<number> => embeddingsIndexer?.run() ?? Promise.resolve(0),
    embeddingsEnabled: embeddings !== null,
    wordpressContentTypes: WORDPRESS_CONTENT_TYPES,
    /** Starts the retrieval workers so their in-memory indexes load before the first question. */
    warmRetrieval: (): void => pool.warm(),
    /** Resolves once every retrieval worker answers from its loaded index (benchmarks, tests). */
    retrievalIndexesLoaded: (): Promise<void> => pool.indexesLoaded(),
    close: async () => {
      await html.close();
      await pool.close();
    },
  };
}
export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
