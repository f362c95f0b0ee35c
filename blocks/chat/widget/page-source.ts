import type { PageSource } from '../../../server/src/contract/chat-client';

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** Where the conversation started, so a lead carries its source (page, referrer, UTM tags). */
export function readPageSource(location: Location, referrer: string): PageSource {
  const params = new URLSearchParams(location.search);
  const utm: Record<string, string> = {};
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`);
    if (value) utm[key] = value.slice(0, 200);
  }
  return {
    url: location.href.slice(0, 2000),
    ...(referrer ? { referrer: referrer.slice(0, 2000) } : {}),
    ...(Object.keys(utm).length > 0 ? { utm } : {}),
  };
}
