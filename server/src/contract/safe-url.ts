/**
 * The one rule for turning a stored URL into a link, shared by the service (emails, CSV, preview page)
 * and the browser code (admin app, chat widget). Visitor-supplied URLs (page, referrer, website fields)
 * and URLs from retrieved documents are untrusted: only an absolute http(s) URL may become a link;
 * anything else (javascript:, data:, vbscript:, relative paths, "//host" tricks) is plain text.
 *
 * No Node or DOM dependency: WHATWG `URL` exists in both.
 */
export const SAFE_URL_MAX_LENGTH = 2000;

/** The accepted form, for error messages. */
export const SAFE_URL_RULE = 'an absolute http:// or https:// URL of at most 2000 characters';

/** The normalised URL when `value` is an absolute http(s) URL with a host; otherwise null. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  // Control characters and whitespace inside a URL are how scheme filters get bypassed ("java\tscript:").
  if (text === '' || text.length > SAFE_URL_MAX_LENGTH || /[\u0000-\u0020\u007f-\u009f]/.test(text)) return null;
  // The scheme must be spelled out: WHATWG parsing would otherwise accept "https:host" and similar.
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}
