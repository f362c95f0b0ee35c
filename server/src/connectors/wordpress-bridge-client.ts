import { signRequest } from '../security/request-signing';
import { DeliveryError, excerpt, type ResponseSummary } from './delivery-error';
import type { SafeHttpClient } from './safe-http';

/**
 * Calls our plugin's signed bridge routes (docs/protocol.md, section 3): the service signs as
 * user 0 with the single capability `bridge`, and WordPress verifies with the shared secret.
 */
export const BRIDGE_PATH = '/wp-json/affiliate-agent/v1/bridge/';

export interface BridgeClientOptions {
  http: SafeHttpClient;
  secret: string;
  siteUrl: () => string | undefined;
  timeoutMs?: number;
  nowSeconds?: () => number;
}

export function createWordPressBridgeClient(options: BridgeClientOptions) {
  async function call<T>(operation: string, body: Record<string, unknown>): Promise<{ data: T; response: ResponseSummary }> {
    const siteUrl = options.siteUrl();
    if (!siteUrl) {
      throw new DeliveryError('The WordPress site URL is not set, so the bridge cannot be reached; set it in Affiliate Agent → Settings, “AffiliateWP and notifications”.', { retryable: true, code: 'bridge_not_configured' });
    }
    const url = new URL(`${siteUrl.replace(/\/+$/, '')}${BRIDGE_PATH}${operation}`);
    const raw = JSON.stringify(body);
    const headers = signRequest(
      options.secret,
      { method: 'POST', pathWithQuery: url.pathname + url.search, body: raw, userId: 0, capabilities: ['bridge'] },
      options.nowSeconds ? { now: options.nowSeconds() } : {},
    );
    const response = await options.http({ method: 'POST', url: url.toString(), body: raw, headers: { ...headers, 'content-type': 'application/json' }, timeoutMs: options.timeoutMs ?? 15_000, maxRedirects: 0 });
    const summary: ResponseSummary = { url: url.toString(), status: response.status, body: excerpt(response.body), durationMs: response.durationMs };
    let parsed: unknown = null;
    try {
      parsed = response.body ? JSON.parse(response.body) : null;
    } catch {
      parsed = null;
    }
    if (response.status >= 200 && response.status < 300 && parsed && typeof parsed === 'object') return { data: parsed as T, response: summary };
    const code = parsed && typeof parsed === 'object' && 'code' in parsed ? String((parsed as { code: unknown }).code) : '';
    throw bridgeError(operation, response.status, code, summary);
  }
  return { call };
}
export type WordPressBridgeClient = ReturnType<typeof createWordPressBridgeClient>;

function bridgeError(operation: string, status: number, code: string, response: ResponseSummary): DeliveryError {
  if (status === 401) {
    return new DeliveryError(
      `WordPress refused the bridge call '${operation}' (401 ${code || 'unauthorized'}): the connection key saved in WordPress (Affiliate Agent → Settings) must come from this service, and both clocks must be within 5 minutes.`,
      { retryable: true, code: 'bridge_unauthorized', response },
    );
  }
  if (code === 'invalid_affiliate') {
    return new DeliveryError(`The bridge call '${operation}' names an affiliate that does not exist on the site.`, { retryable: false, code, response });
  }
  if (status === 404) {
    return new DeliveryError(
      `The bridge route for '${operation}' was not found (404 ${code}): is the Affiliate Agent plugin active and up to date on this site?`,
      { retryable: true, code: 'bridge_missing', response },
    );
  }
  if (status === 501 || code === 'affiliatewp_not_installed') {
    return new DeliveryError('AffiliateWP is not active on the WordPress site; activate it or switch the AffiliateWP transport off.', { retryable: true, code: 'affiliatewp_not_installed', response });
  }
  if (code === 'needs_manager_link' || code === 'registration_closed') {
    const why = code === 'needs_manager_link' ? 'a WordPress account with this email exists and only a manager may link it' : 'the site does not let visitors register, so no account was created';
    return new DeliveryError(`No affiliate was created: ${why}. Add or link the affiliate by hand in AffiliateWP.`, { retryable: false, code, response });
  }
  if (code === 'mail_in_progress') {
    return new DeliveryError('WordPress is still sending this email for an earlier attempt; will check again.', { retryable: true, code, response });
  }
  if (status === 400 || status === 409 || status === 422) {
    return new DeliveryError(`WordPress rejected the bridge call '${operation}' (${status} ${code}).`, { retryable: false, code: code || 'bridge_rejected', response });
  }
  if (status === 0 || status >= 300) {
    return new DeliveryError(`The bridge call '${operation}' answered HTTP ${status}${code ? ` ${code}` : ''}; will retry.`, { retryable: true, code: 'bridge_failed', response });
  }
  return new DeliveryError(`The bridge call '${operation}' answered without a JSON object.`, { retryable: true, code: 'bridge_bad_answer', response });
}
