import { __, sprintf } from '@wordpress/i18n';
import { ApiError, pluginRequest, serviceRequest } from '../../lib/api-client';
import { readEventStream, type StreamEvent } from '../../lib/sse';
import type { Agent } from '../../lib/service-types';
import type { AdminToken } from './types';

export const listAgents = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;

/** A short-lived admin token from the plugin: the stream goes to the service directly, not through PHP. */
export const mintAdminToken = () => pluginRequest<AdminToken>('/affiliate-agent/v1/admin-token', { method: 'POST' });

async function failure(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: { issues?: Array<{ path: string; message: string }> } } } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(body.error?.message ?? `${response.status} ${response.statusText}`, { code: body.error?.code ?? 'http_error', status: response.status });
}

/**
 * The browser talks to the service directly, so a network failure here is almost always CORS:
 * the service answers the site it is paired with (recorded when the plugin connects), origins
 * listed on the agent and AA_ALLOWED_ORIGINS.
 */
async function direct(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    throw new ApiError(
      sprintf(
        __('The browser could not reach the service at %1$s. If the service is running, connect again in Affiliate Agent → Settings so the service learns this site’s address, or add this site’s origin (%2$s) to the agent’s allowed origins.', 'affiliate-agent'),
        url.replace(/\/v1\/.*$/, ''),
        origin,
      ),
      { code: 'service_unreachable', status: 0 },
    );
  }
}

export async function startConversation(auth: AdminToken, agentId: string) {
  const response = await direct(`${auth.serviceUrl.replace(/\/$/, '')}/v1/playground/agents/${encodeURIComponent(agentId)}/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${auth.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as { conversation: { id: string; agentId: string }; messages: Array<{ role: string; content: string }> };
}

export async function sendMessage(auth: AdminToken, conversationId: string, content: string, onEvent: (event: StreamEvent) => void) {
  const response = await direct(`${auth.serviceUrl.replace(/\/$/, '')}/v1/playground/conversations/${encodeURIComponent(conversationId)}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${auth.token}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ content }),
  });
  if (!response.ok || !response.body) throw await failure(response);
  await readEventStream(response.body, onEvent);
}
