/**
 * The one rule for turning a stored or received URL into a link: only an absolute `http:` or
 * `https:` URL qualifies. Anything else (`javascript:`, `data:`, `vbscript:`, relative paths,
 * protocol-relative `//host`, garbage) gives null, and callers show it as plain text.
 * Used by the service (boundary checks, emails, CSV), the admin app and the widget, so all of
 * them agree on what is a link. No dependencies: it is bundled into the browser code.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  // URL() would resolve a relative value against nothing and throw, but it also accepts
  // "https:evil" style strings; requiring the "//" keeps the meaning obvious to a reader.
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (!parsed.hostname) return null;
    return parsed.href;
  } catch {
    return null;
  }
}
