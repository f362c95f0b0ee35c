/**
 * What `POST /v1/actions/test-webhook` answers: one signed sample delivery to the step's URL.
 * `response` is what the endpoint answered (null when it could not be reached at all).
 */
export interface WebhookTestResponse {
  url?: string;
  status?: number;
  /** The first 500 characters of the answer. */
  body?: string;
  durationMs?: number;
}

export interface WebhookTestResult {
  ok: boolean;
  /** The `webhook-id` header of the sample delivery, so the receiver's log can be matched. */
  webhookId: string;
  response: WebhookTestResponse | null;
  error: string | null;
}
