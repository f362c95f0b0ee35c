import { platformMentioned, profileUrlFor } from './social';

/** Links and social handles inside free text. */
export interface UrlMatch {
  value: string;
  start: number;
  end: number;
}

const URL_IN_TEXT =
  /(?<![@\w.-])((?:https?:\/\/)?(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:[a-z]{2,24})(?::\d{2,5})?(?:\/[^\s<>"']*)?)(?![\w@-])/gi;
const HANDLE_IN_TEXT = /(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])/g;

/** Words that look like domains in chat but are not ("e.g", "i.e", file names). */
const NOT_DOMAINS = /^(?:e\.g|i\.e|etc|a\.m|p\.m|u\.s)$|\.(?:png|jpe?g|gif|pdf|txt|docx?)$/i;

/** "site.com/x" → "https://site.com/x"; a trailing sentence dot or comma is dropped. */
export function normaliseUrl(raw: string): string {
  const trimmed = raw.trim().replace(/[.,;:!?)]+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

export function findUrls(text: string): UrlMatch[] {
  const results: UrlMatch[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const raw = match[1].replace(/[.,;:!?)]+$/, '');
    const hostPart = raw.replace(/^https?:\/\//i, '').split('/')[0];
    if (NOT_DOMAINS.test(hostPart) || /^\d+(\.\d+)+$/.test(hostPart)) continue;
    // Decimal numbers such as "1.2m" would otherwise look like hosts.
    if (!/[a-z]{2,}/i.test(hostPart.split('.').slice(0, -1).join('.')) && !/^https?:/i.test(raw)) continue;
    const start = match.index ?? 0;
    results.push({ value: normaliseUrl(raw), start, end: start + raw.length });
  }
  return results;
}

export function findHandles(text: string): Array<{ handle: string; start: number; end: number }> {
  return [...text.matchAll(HANDLE_IN_TEXT)].map((match) => ({ handle: match[1], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
}

/**
 * A link or a profile: the first URL in the text, else a handle turned into its profile URL when the
 * message or the hint names the platform, else the handle itself ("@ana").
 */
export function parseUrlOrHandle(text: string, platformHint?: string | null): string | null {
  const urls = findUrls(text);
  if (urls.length > 0) return urls[0].value;
  const handles = findHandles(text);
  if (handles.length === 0) return null;
  const handle = handles[0].handle;
  return profileUrlFor(platformMentioned(text) ?? platformHint, handle) ?? `@${handle}`;
}
