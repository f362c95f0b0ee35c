/**
 * What a connector reports when a delivery did not succeed. The worker reads `retryable` to choose
 * between another attempt later and a permanent failure that waits for a manager's replay.
 */
export interface ResponseSummary {
  url?: string;
  status?: number;
  /** The first 500 characters of the answer, enough to see what the remote side said. */
  body?: string;
  durationMs?: number;
  [key: string]: unknown;
}

export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly response?: ResponseSummary;
  readonly code: string;

  constructor(message: string, options: { retryable: boolean; code?: string; response?: ResponseSummary }) {
    super(message);
    this.name = new.target.name;
    this.retryable = options.retryable;
    this.code = options.code ?? (options.retryable ? 'delivery_retryable' : 'delivery_failed');
    this.response = options.response;
  }
}

/** A 410 Gone from a webhook endpoint: the job fails and the endpoint is switched off. */
export class EndpointGoneError extends DeliveryError {
  constructor(message: string, response?: ResponseSummary) {
    super(message, { retryable: false, code: 'endpoint_gone', response });
  }
}

export function excerpt(text: string, length = 500): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
