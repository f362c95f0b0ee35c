import { __, sprintf } from '@wordpress/i18n';
import { ApiError, pluginRequest, serviceRequest } from '../../lib/api-client';
import {
  ChatHttpError,
  createChatClient,
  PLAYGROUND_ROUTES,
  StreamDroppedError,
  type FetchLike,
  type StartedConversation,
} from '../../../../server/src/contract/chat-client';
import type { ChatEvent } from '../../../../server/src/contract/chat-events';
import type { Agent } from '../../lib/service-types';
import type { AdminToken } from './types';

export const listAgents = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;

/** A short-lived admin token from the plugin: the stream goes to the service directly, not through PHP. */
export const mintAdminToken = () => pluginRequest<AdminToken>('/affiliate-agent/v1/admin-token', { method: 'POST' });

/**
 * The browser talks to the service directly, so a network failure here is almost always CORS:
 * the service answers the site it is paired with (recorded when the plugin connects), origins
 * listed on the agent and AA_ALLOWED_ORIGINS.
 */
const directFetch: FetchLike = async (url, init) => {
  try {
    return await fetch(url, init);
  } catch {
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    const message = sprintf(
      __('The browser could not reach the service at %1$s. If the service is running, connect again in Affiliate Agent → Settings so the service learns this site’s address, or add this site’s origin (%2$s) to the agent’s allowed origins.', 'affiliate-agent'),
      url.replace(/\/v1\/.*$/, ''),
      origin,
    );
    throw new ChatHttpError(message, 0, 'service_unreachable');
  }
};

/** The widget's chat client on the playground routes: same stream parsing, same event types. */
const client = createChatClient(directFetch, { routes: PLAYGROUND_ROUTES });

/** The screen shows ApiError messages; the chat client's errors carry the same status and code. */
function asApiError(thrown: unknown): unknown {
  if (thrown instanceof ChatHttpError) return new ApiError(thrown.message, { code: thrown.code, status: thrown.status });
  if (thrown instanceof StreamDroppedError) return new ApiError(__('The answer stream ended early. Send the message again.', 'affiliate-agent'), { code: 'stream_dropped', status: 0 });
  return thrown;
}

export async function startConversation(auth: AdminToken, agentId: string): Promise<StartedConversation> {
  return client.startConversation(auth, agentId).catch((thrown) => Promise.reject(asApiError(thrown)));
}

export async function sendMessage(auth: AdminToken, conversationId: string, content: string, onEvent: (event: ChatEvent) => void): Promise<void> {
  return client.sendMessage(auth, conversationId, { content }, onEvent).catch((thrown) => Promise.reject(asApiError(thrown)));
}
