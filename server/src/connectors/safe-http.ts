import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { DeliveryError } from './delivery-error';
import { resolveSafeAddress, type SsrfPolicy } from './ssrf-guard';

/**
 * The only way connectors reach the network. Every hop (the first URL and each redirect) is
 * resolved and checked by the SSRF guard, and the socket connects to the checked address.
 */
export interface SafeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  url: string;
  durationMs: number;
  redirects: string[];
}

const MAX_BODY_BYTES = 256 * 1024;

// Keep-alive pools are keyed by host and port; a new socket always goes through the pinned lookup,
// and a pooled one stays connected to the address that was checked when it was opened.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16, timeout: 30_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16, timeout: 30_000 }),
};
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type SafeHttpClient = (request: SafeRequest) => Promise<SafeResponse>;

class StaleSocketError extends DeliveryError {}

export function createSafeHttpClient(policy: () => SsrfPolicy): SafeHttpClient {
  return async function send(request) {
    const started = Date.now();
    const redirects: string[] = [];
    let url = new URL(request.url);
    let method = request.method.toUpperCase();
    let body = request.body;
    const maxRedirects = request.maxRedirects ?? 3;
    let previous: URL | null = null;
    for (;;) {
      const target = await resolveSafeAddress(url, policy());
      if (previous && previous.origin !== url.origin) assertNothingSecretCrossesOrigin(previous, url, request, body);
      // A kept-alive socket the server closed meanwhile fails at once; Node's advice is to retry on a fresh one.
      const response = await sendOnce(url, target, { ...request, method, body }).catch((error: unknown) => {
        if (error instanceof StaleSocketError) return sendOnce(url, target, { ...request, method, body });
        throw error;
      });
      if (REDIRECT_STATUSES.has(response.status) && response.headers.location && redirects.length < maxRedirects) {
        const next = new URL(response.headers.location, url);
        redirects.push(next.toString());
        // 303 means "fetch the result with GET"; the others keep the method and body.
        if (response.status === 303) {
          method = 'GET';
          body = undefined;
        }
        previous = url;
        url = next;
        continue;
      }
      return { ...response, url: url.toString(), durationMs: Date.now() - started, redirects };
    }
  };
}

/** Headers that carry nothing private: everything else (Authorization, custom secret headers) may. */
const HARMLESS_HEADERS = new Set(['user-agent', 'accept', 'content-type', 'accept-language']);

/**
 * A redirect to another origin must not take credentials or the lead's data with it: the target
 * was not chosen by the owner. Refused (not silently stripped), so the ledger says why it stopped.
 */
function assertNothingSecretCrossesOrigin(from: URL, to: URL, request: SafeRequest, body: string | undefined): void {
  const carried = [
    ...Object.keys(request.headers ?? {}).filter((name) => !HARMLESS_HEADERS.has(name.toLowerCase())).map((name) => `the ${name} header`),
    ...(from.username || from.password || to.username || to.password ? ['credentials in the URL'] : []),
    ...(body !== undefined ? ['the request body'] : []),
  ];
  if (carried.length === 0) return;
  throw new DeliveryError(
    `Refused to follow the redirect from ${from.origin} to ${to.origin}: it would send ${carried.join(', ')} to another origin. Update the URL to the final address.`,
    { retryable: false, code: 'redirect_refused' },
  );
}

function sendOnce(
  url: URL,
  target: { address: string; family: 4 | 6 },
  request: SafeRequest,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  // Pin the connection to the address the guard approved, whatever a second DNS answer would say.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: unknown[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const transport = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'AffiliateAgent/1 (+outbox)', ...(request.headers ?? {}) };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(
      url,
      { method: request.method, headers, lookup, timeout: timeoutMs, agent: agents[url.protocol as 'http:' | 'https:'], ...(net.isIP(url.hostname.replace(/^\[|\]$/g, '')) ? {} : { servername: url.hostname }) },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', (error) => reject(new DeliveryError(`The answer from ${url.origin} broke off: ${error.message}`, { retryable: true, code: 'network_error' })));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy(new DeliveryError(`${url.origin} did not answer within ${timeoutMs} ms.`, { retryable: true, code: 'timeout' }));
    }, timeoutMs);
    outgoing.on('timeout', () =>
      outgoing.destroy(new DeliveryError(`${url.origin} did not answer within ${timeoutMs} ms.`, { retryable: true, code: 'timeout' })),
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (outgoing.reusedSocket && error.code === 'ECONNRESET') {
        reject(new StaleSocketError('A kept-alive connection was closed by the server.', { retryable: true, code: 'stale_socket' }));
        return;
      }
      reject(error instanceof DeliveryError ? error : new DeliveryError(`Could not reach ${url.origin}: ${error.message}`, { retryable: true, code: 'network_error' }));
    });
    outgoing.on('close', () => clearTimeout(timer));
    if (request.body !== undefined) outgoing.write(request.body);
    outgoing.end();
  });
}
