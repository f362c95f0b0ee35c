import { DeliveryError, EndpointGoneError, excerpt, type ResponseSummary } from './delivery-error';
import type { SafeHttpClient } from './safe-http';
import { webhookHeaders } from './webhook-signing';

/**
 * Posts a signed JSON event to a CRM or automation endpoint (Zapier, Make, n8n, HubSpot, any URL).
 * The webhook id is the outbox job id, stable across retries, so a receiver that deduplicates by
 * `webhook-id` sees each event once however often it is retried.
 */
export interface WebhookDelivery {
  id: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
  payload: unknown;
  secret: string;
  timeoutMs: number;
  nowSeconds: number;
}

// The owner's custom headers may add credentials but not forge the signature or the body's type.
const RESERVED_HEADERS = new Set(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'content-length', 'host']);

export function createWebhookConnector({ http }: { http: SafeHttpClient }) {
  async function deliver(delivery: WebhookDelivery): Promise<ResponseSummary> {
    const body = JSON.stringify(delivery.payload);
    const custom = Object.fromEntries(
      delivery.headers.filter((header) => !RESERVED_HEADERS.has(header.name.toLowerCase())).map((header) => [header.name, header.value]),
    );
    const response = await http({
      method: 'POST',
      url: delivery.url,
      timeoutMs: delivery.timeoutMs,
      body,
      headers: { ...custom, 'content-type': 'application/json', ...webhookHeaders(delivery.secret, delivery.id, delivery.nowSeconds, body) },
    });
    const summary: ResponseSummary = { url: response.url, status: response.status, body: excerpt(response.body), durationMs: response.durationMs };
    if (response.status >= 200 && response.status < 300) return summary;
    if (response.status === 410) {
      throw new EndpointGoneError(`${delivery.url} answered 410 Gone: the endpoint asks not to be called again, so it is disabled until a manager replays a delivery to it.`, summary);
    }
    throw new DeliveryError(`${delivery.url} answered HTTP ${response.status}; will retry.`, { retryable: true, code: 'webhook_rejected', response: summary });
  }
  return { deliver };
}
export type WebhookConnector = ReturnType<typeof createWebhookConnector>;
