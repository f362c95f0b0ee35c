import http from 'node:http';
import { verifyWebhook } from '../../server/src/connectors/webhook-signing';
import { closeServer, listen, readBody } from './http-helpers';

/**
 * A CRM endpoint that records every delivery, verifies Standard Webhooks signatures and
 * deduplicates by `webhook-id`, as the spec asks receivers to: `unique` holds each event once,
 * `received` counts every POST including retries. Answers can be scripted per request.
 */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  validSignature: boolean;
  headers: http.IncomingHttpHeaders;
  body: string;
  payload: any;
  path: string;
  receivedAt: number;
}

export async function startWebhookReceiver(options: { secret?: () => string | undefined; latencyMs?: () => number } = {}) {
  const unique = new Map<string, ReceivedWebhook>();
  const all: ReceivedWebhook[] = [];
  const scripted: number[] = [];
  let defaultStatus = 200;
  let redirectTo: string | null = null;

  const server = http.createServer(async (request, response) => {
    const body = await readBody(request);
    const latency = options.latencyMs?.() ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (redirectTo) {
      response.writeHead(307, { location: redirectTo });
      response.end();
      return;
    }
    const id = String(request.headers['webhook-id'] ?? '');
    const timestamp = String(request.headers['webhook-timestamp'] ?? '');
    const signature = String(request.headers['webhook-signature'] ?? '');
    const secret = options.secret?.();
    let payload: unknown = null;
    try {
      payload = JSON.parse(body);
    } catch {
      payload = null;
    }
    const entry: ReceivedWebhook = {
      id,
      timestamp,
      signature,
      // Signatures are checked against the signed timestamp itself: tests move the service clock.
      validSignature: secret ? verifyWebhook(secret, { id, timestamp, signature }, body, { nowSeconds: Number(timestamp) }) : false,
      headers: request.headers,
      body,
      payload,
      path: request.url ?? '/',
      receivedAt: Date.now(),
    };
    const status = scripted.length ? scripted.shift()! : defaultStatus;
    all.push(entry);
    if (status >= 200 && status < 300 && id && !unique.has(id)) unique.set(id, entry);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: status < 300, duplicate: status < 300 && unique.get(id) !== entry }));
  });
  const url = await listen(server);
  return {
    url,
    unique,
    all,
    /** The next answers, one per request, before falling back to the default. */
    script(...statuses: number[]) {
      scripted.push(...statuses);
    },
    setDefaultStatus(status: number) {
      defaultStatus = status;
    },
    redirectEverythingTo(target: string | null) {
      redirectTo = target;
    },
    get duplicates() {
      return all.filter((entry) => entry.id && unique.get(entry.id) !== entry).length;
    },
    close: () => closeServer(server),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
