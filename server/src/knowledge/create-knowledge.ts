import type { Resolver, SsrfPolicy } from '../connectors/ssrf-guard';
import { DELIVERY_SETTINGS_KEY } from '../connectors/delivery-settings';
import { WORDPRESS_SITE_URL_SETTING } from './knowledge-service';
import type { ServiceConfig } from '../config/config';
import type { Database } from '../db/database';
import type { Logger } from '../logging/logger';
import { createEmbeddingsClient, embeddingsSettingsFromEnvironment } from './embeddings-client';
import { deleteAllParked } from './staged-reindex';
import { createKnowledgeRepository } from './knowledge-repository';
import { createKnowledgeService } from './knowledge-service';
import { createHtmlExtractor } from './html-to-text-off-thread';
import type { LexicalIndexMode } from './retrieval-executor';
import { createRetrievalPool } from './retrieval-pool';
import { createWordpressContentClient } from './wordpress-content-client';

/**
 * Wires the knowledge domain for the container. Its own settings come from its own environment
 * variables (documented in docs/knowledge.md):
 * - AA_KNOWLEDGE_WORKERS: retrieval worker threads (default 1; 0 runs retrieval on the main thread);
 * - AA_KNOWLEDGE_INDEX: `memory` (default: an in-memory BM25 index per worker, ~75 MB per 100k
 *   chunks) or `sqlite` (FTS5 only: no memory, slower on common words);
 * - AA_EMBEDDINGS_MODEL / AA_EMBEDDINGS_DIMENSIONS: turn on embeddings fused with BM25.
 */
export interface CreateKnowledgeOptions {
  db: Database;
  config: ServiceConfig;
  secret: string;
  logger: Logger;
  readSetting: (key: string) => unknown;
  agentKnowledgeSetIds: (agentId: string) => string[];
  onSetRemoved?: (setId: string) => void;
  environment?: NodeJS.ProcessEnv;
  /** Tests: a fake DNS resolver for the guarded client. */
  resolver?: Resolver;
}

export function retrievalWorkerCount(environment: NodeJS.ProcessEnv): number {
  const configured = environment.AA_KNOWLEDGE_WORKERS?.trim();
  if (configured) {
    const count = Number(configured);
    if (!Number.isInteger(count) || count < 0 || count > 16) throw new Error(`AA_KNOWLEDGE_WORKERS: expected a whole number from 0 to 16, got '${configured}'.`);
    return count;
  }
  // One worker: with the memory index a query costs well under a millisecond of CPU, so one thread
  // serves hundreds of questions a second, and each extra worker would hold its own copy of the index.
  return 1;
}

export function retrievalIndexMode(environment: NodeJS.ProcessEnv): LexicalIndexMode {
  const configured = environment.AA_KNOWLEDGE_INDEX?.trim();
  if (!configured) return 'memory';
  if (configured !== 'memory' && configured !== 'sqlite') throw new Error(`AA_KNOWLEDGE_INDEX: expected memory or sqlite, got '${configured}'.`);
  return configured;
}

/**
 * Hosts content sync may reach despite the SSRF guard: the owner's allow-list (Affiliate Agent → Settings, “AffiliateWP and notifications”)
 * and the host of the saved WordPress site URL (an owner setting, often WordPress on the same machine).
 */
function syncPolicy(readSetting: (key: string) => unknown, resolver?: Resolver): SsrfPolicy {
  const saved = readSetting(WORDPRESS_SITE_URL_SETTING);
  let savedHost: string[] = [];
  try {
    if (typeof saved === 'string' && saved) savedHost = [new URL(saved).host];
  } catch {
    savedHost = [];
  }
  const delivery = readSetting(DELIVERY_SETTINGS_KEY) as { network?: { allowHosts?: unknown } } | undefined;
  const allowHosts = Array.isArray(delivery?.network?.allowHosts) ? delivery.network.allowHosts.filter((host): host is string => typeof host === 'string') : [];
  return { allowHosts: [...allowHosts, ...savedHost], resolver };
}

export function createKnowledge(options: CreateKnowledgeOptions) {
  const environment = options.environment ?? process.env;
  const embeddingsSettings = embeddingsSettingsFromEnvironment(environment, options.config.openai);
  const repository = createKnowledgeRepository(options.db);
  // Before any retrieval worker loads its index from the stored search text.
  const rebuilt = repository.ensureSearchTextVersion();
  if (rebuilt) options.logger.info('knowledge search text rebuilt for the current stemmer', { chunks: rebuilt });
  const parked = deleteAllParked(repository);
  if (parked) options.logger.info('knowledge chunks left by an interrupted re-index deleted', { chunks: parked });
  return createKnowledgeService({
    repository,
    pool: createRetrievalPool({
      db: options.db,
      size: retrievalWorkerCount(environment),
      index: retrievalIndexMode(environment),
      onIndexLoaded: (load) =>
        options.logger.info('knowledge index loaded', { chunks: load.chunks, terms: load.terms, milliseconds: Math.round(load.milliseconds), megabytes: Math.round(load.bytes / 1e5) / 10 }),
    }),
    embeddings: embeddingsSettings ? createEmbeddingsClient(embeddingsSettings) : null,
    wordpress: createWordpressContentClient({ secret: options.secret, policy: () => syncPolicy(options.readSetting, options.resolver) }),
    readSetting: options.readSetting,
    agentKnowledgeSetIds: options.agentKnowledgeSetIds,
    onSetRemoved: options.onSetRemoved,
    logger: options.logger,
    html: createHtmlExtractor({ maxBytes: options.config.knowledge.maxHtmlBytes }),
  });
}
