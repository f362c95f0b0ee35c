import { z } from 'zod';

export const WORDPRESS_CONTENT_TYPES = ['page', 'post', 'product'] as const;
export type WordpressContentType = (typeof WORDPRESS_CONTENT_TYPES)[number];
export const SOURCE_KINDS = ['faq', 'file', 'wordpress'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type SourceStatus = 'queued' | 'indexed' | 'failed';

const contentTypesSchema = z
  .array(z.enum(WORDPRESS_CONTENT_TYPES, { error: () => `expected one of ${WORDPRESS_CONTENT_TYPES.join(', ')}` }))
  .min(1)
  .max(3);

export const knowledgeSetInputSchema = z.object({
  name: z.string({ error: 'expected a name' }).trim().min(1, { message: 'a knowledge set needs a name' }).max(80, { message: 'at most 80 characters' }),
  description: z.string().trim().max(500, { message: 'at most 500 characters' }).default(''),
  /** Follow the site's content: sync pulls these types and pushes on save keep them current. */
  wordpress: z.object({ types: contentTypesSchema.default(['page', 'post']) }).nullable().default(null),
});
export const knowledgeSetPatchSchema = knowledgeSetInputSchema.partial().strict();

export interface KnowledgeSet {
  id: string;
  name: string;
  description: string;
  wordpress: { types: WordpressContentType[] } | null;
  sourceCount: number;
  chunkCount: number;
  createdAt: string;
  updatedAt: string;
}

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const faqInputSchema = z.object({
  kind: z.literal('faq'),
  question: z.string({ error: 'expected the question' }).trim().min(3, { message: 'a question needs at least 3 characters' }).max(500),
  answer: z.string({ error: 'expected the answer' }).trim().min(1, { message: 'an answer cannot be empty' }).max(20_000),
  url: httpUrl.optional(),
});
export const faqPatchSchema = faqInputSchema.omit({ kind: true }).partial().strict();

export const fileUploadSchema = z.object({
  filename: z.string({ error: 'expected the file name' }).trim().min(1).max(255),
  contentType: z.string({ error: 'expected the content type, e.g. text/markdown' }).trim().min(1).max(120),
  contentBase64: z.string({ error: 'expected the file content as base64' }).min(1),
  title: z.string().trim().min(1).max(200).optional(),
  url: httpUrl.optional(),
});
export const filePatchSchema = z
  .object({ title: z.string().trim().min(1).max(200), url: httpUrl.nullable() })
  .partial()
  .strict();

/** One item of the bridge's `content/list` answer (docs/protocol.md, section 3), also the push body. */
export const wordpressItemSchema = z.object({
  id: z.coerce.number().int().positive(),
  type: z.string().min(1).max(40),
  title: z.string().max(500).default(''),
  url: httpUrl,
  content_html: z.string().max(5_000_000).default(''),
  modified_gmt: z.string().max(40).optional(),
});
export type WordpressItem = z.infer<typeof wordpressItemSchema>;

export const wordpressPushSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('saved'), item: wordpressItemSchema }),
  z.object({ event: z.literal('deleted'), item: z.object({ id: z.coerce.number().int().positive(), type: z.string().min(1).max(40) }) }),
]);

export const syncRequestSchema = z.object({
  siteUrl: httpUrl.optional(),
  types: contentTypesSchema.optional(),
  /** Only items modified since then; a full sync (the default) also removes items gone from the site. */
  since: z.iso.datetime({ offset: true }).optional(),
});

export const searchPreviewSchema = z
  .object({
    agentId: z.string().min(1).max(64).optional(),
    knowledgeSetIds: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    query: z.string({ error: 'expected the question to search for' }).trim().min(1).max(1000),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .refine((value) => value.agentId !== undefined || value.knowledgeSetIds !== undefined, {
    message: 'give either agentId or knowledgeSetIds',
  });

export interface KnowledgeSource {
  id: string;
  knowledgeSetId: string;
  kind: SourceKind;
  externalId: string | null;
  title: string;
  url: string | null;
  data: Record<string, unknown>;
  contentHash: string;
  status: SourceStatus;
  failureReason: string | null;
  chunkCount: number;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChunkRecord {
  id: string;
  sourceId: string;
  setId: string;
  position: number;
  title: string;
  url: string | null;
  headingPath: string[];
  text: string;
  contentHash: string;
}

/** What retrieval returns; `score` is higher-is-better, `relevance` is 0..1 (share of the question's weight the chunk covers). */
export interface KnowledgeHit {
  chunkId: string;
  sourceId: string;
  title: string;
  url: string | null;
  headingPath: string[];
  text: string;
  score: number;
  relevance: number;
}

export interface RetrieveRequest {
  knowledgeSetIds: string[];
  query: string;
  limit?: number;
  /**
   * When no hit reaches this relevance, the answer is [] ("the docs do not cover this"); when one
   * does, all top hits come back. Default DEFAULT_RELEVANCE_THRESHOLD; 0 returns every match.
   */
  minRelevance?: number;
}

export interface Passage {
  text: string;
  title: string;
  url: string | null;
  headingPath: string[];
  chunkId: string;
  sourceId: string;
}
