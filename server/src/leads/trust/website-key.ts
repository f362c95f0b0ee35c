/**
 * A website answer reduced to what identifies it: host without `www.` plus path, lower-cased, without
 * query, fragment or trailing slash ("https://www.YouTube.com/@Ana/?si=1" → "youtube.com/@ana").
 * A bare social platform ("youtube.com") identifies nobody and gives no key.
 */
const PLATFORM_HOSTS = new Set([
  'youtube.com', 'instagram.com', 'tiktok.com', 'facebook.com', 'x.com', 'twitter.com', 'twitch.tv', 'linkedin.com', 'pinterest.com', 'substack.com', 'medium.com',
]);

export function hostOf(url: string): string | null {
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
    return parsed.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

export function websiteKey(url: string): string | null {
  const host = hostOf(url);
  if (!host) return null;
  const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  const path = decodeURIComponentSafe(parsed.pathname).toLowerCase().replace(/\/+$/, '');
  if (!path && PLATFORM_HOSTS.has(host)) return null;
  return `${host}${path}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Whether `host` is `site` itself or one of its subdomains (shop.example, blog.shop.example). */
export function isSameSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}
