import { z } from 'zod';
import { UpstreamError } from '../core/errors';
import { issuesFromZod } from '../core/zod-issues';
import { signRequest } from '../security/request-signing';
import { createSafeHttpClient, type SafeHttpClient } from '../connectors/safe-http';
import type { SsrfPolicy } from '../connectors/ssrf-guard';
import { wordpressItemSchema, type WordpressContentType, type WordpressItem } from '../contract/knowledge-types';

/**
 * Pulls site content through the plugin's signed bridge: `content/list` (docs/protocol.md, section 3),
 * page by page. The service signs as user 0 with the `bridge` capability.
 */
export const BRIDGE_CONTENT_PATH = '/wp-json/affiliate-agent/v1/bridge/content/list';
const MAX_PAGES = 500;

const listAnswerSchema = z.object({
  items: z.array(z.unknown()),
  has_more: z.boolean().default(false),
});

export interface ContentListOptions {
  siteUrl: string;
  types: WordpressContentType[];
  since?: string;
  timeoutMs?: number;
}

export interface ContentPage {
  items: WordpressItem[];
  /** Items the bridge sent that could not be read, with why (reported, not fatal). */
  rejected: Array<{ index: number; reason: string }>;
}

/**
 * Every request goes through the SSRF-guarded client: the site URL may come in the sync request, so
 * loopback/private targets are refused unless the owner allow-listed the host (Affiliate Agent → Settings, “AffiliateWP and notifications”,
 * or the saved WordPress site URL). WordPress's answer body is never echoed back to the caller.
 */
export function createWordpressContentClient({ secret, policy, http }: { secret: string; policy: () => SsrfPolicy; http?: SafeHttpClient }) {
  const send = http ?? createSafeHttpClient(policy);
  async function listPage(options: ContentListOptions, page: number): Promise<ContentPage & { hasMore: boolean }> {
    const url = new URL(BRIDGE_CONTENT_PATH.replace(/^\//, ''), options.siteUrl.endsWith('/') ? options.siteUrl : `${options.siteUrl}/`);
    const body = JSON.stringify({ types: options.types, page, ...(options.since ? { since: options.since } : {}) });
    const headers = signRequest(secret, { method: 'POST', pathWithQuery: url.pathname + url.search, body, userId: 0, capabilities: ['bridge'] });
    let response: { status: number; body: string };
    try {
      response = await send({
        method: 'POST',
        url: url.toString(),
        headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
        timeoutMs: options.timeoutMs ?? 30_000,
        // A redirect would carry the signed body elsewhere; the bridge URL never redirects.
        maxRedirects: 0,
      });
    } catch (error) {
      throw new UpstreamError(`WordPress at ${options.siteUrl} could not be reached for content sync (${error instanceof Error ? error.message : String(error)}).`, 'wordpress_unreachable');
    }
    const text = response.body;
    if (response.status < 200 || response.status > 299) {
      throw new UpstreamError(`WordPress answered ${response.status} to content/list; check that the Affiliate Agent plugin is active and shares this service's secret.`, 'wordpress_bridge_failed', {
        status: response.status,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UpstreamError('WordPress answered content/list with something that is not JSON.', 'wordpress_bridge_failed');
    }
    const answer = listAnswerSchema.safeParse(parsed);
    if (!answer.success) throw new UpstreamError('WordPress answered content/list in an unexpected shape.', 'wordpress_bridge_failed', { issues: issuesFromZod(answer.error) });
    const items: WordpressItem[] = [];
    const rejected: ContentPage['rejected'] = [];
    answer.data.items.forEach((raw, index) => {
      const item = wordpressItemSchema.safeParse(raw);
      if (item.success) items.push(item.data);
      else rejected.push({ index, reason: issuesFromZod(item.error).map((issue) => `${issue.path}: ${issue.message}`).join('; ') });
    });
    return { items, rejected, hasMore: answer.data.has_more };
  }

  return {
    /** Every page of content, in order; stops at MAX_PAGES as a guard against a bridge that never ends. */
    async *listAll(options: ContentListOptions): AsyncGenerator<ContentPage> {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const result = await listPage(options, page);
        yield { items: result.items, rejected: result.rejected };
        if (!result.hasMore) return;
      }
    },
  };
}
export type WordpressContentClient = ReturnType<typeof createWordpressContentClient>;
