import type { BrowserContext } from 'playwright-core';

/**
 * WordPress REST as a logged-in person's browser calls it: the session cookie plus an X-WP-Nonce.
 * The nonce comes from core's own `admin-ajax.php?action=rest-nonce` (what wp.apiFetch uses to
 * refresh it), so no page markup is scraped.
 */
export async function restNonce(context: BrowserContext, siteUrl: string): Promise<string> {
  const response = await context.request.get(`${siteUrl}/wp-admin/admin-ajax.php?action=rest-nonce`);
  const nonce = (await response.text()).trim();
  if (!response.ok() || !/^[a-f0-9]{10}$/.test(nonce)) throw new Error(`no REST nonce for this session: ${response.status()} ${nonce.slice(0, 200)}`);
  return nonce;
}

export async function restAsUser<T = unknown>(
  context: BrowserContext,
  siteUrl: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const nonce = await restNonce(context, siteUrl);
  const response = await context.request.fetch(`${siteUrl}/wp-json${route}`, {
    method,
    headers: { 'X-WP-Nonce': nonce, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: response.status(), body: parsed as T };
}
