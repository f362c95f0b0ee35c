import { CONNECTORS } from '../../connectors';
import { buildLeadPayload } from '../lead-payload';
import { configOf, type StepHandler } from './step-handler';
import { maskUrlCredentials } from '../../core/url-credentials';

/** How a delivery refused because its endpoint is switched off starts its error (replay-all finds them by it). */
export const ENDPOINT_DISABLED_PREFIX = 'This endpoint is disabled:';
/** Part of the error of the delivery whose 410 Gone switched the endpoint off (webhook-connector.ts). */
export const ENDPOINT_GONE_TEXT = 'answered 410 Gone';

/** POSTs the signed lead payload to a CRM or automation endpoint. */
export const webhookStep: StepHandler<'webhook'> = {
  type: 'webhook',
  preview: (config, { lead, transcript, now }) => ({
    method: 'POST',
    url: maskUrlCredentials(config.url),
    // Header values are often credentials: show that they are set, never what they are.
    headers: config.headers.map((header) => ({ name: header.name, value: header.value ? '[set]' : '' })),
    body: buildLeadPayload(lead, { trigger: 'lead-created', timestamp: now, transcript: config.includeTranscript ? transcript : null }),
  }),
  execute: async (job, lead, context) => {
    const config = configOf(job);
    const url = String(config.url ?? '');
    const disabled = context.isWebhookDisabled(url);
    if (disabled) return { kind: 'failed', error: `${ENDPOINT_DISABLED_PREFIX} ${disabled} Replay this delivery to switch it on again.`, response: null };
    const payload = buildLeadPayload(lead, {
      trigger: job.trigger,
      timestamp: context.nowIso(),
      transcript: config.includeTranscript !== false && lead.conversationId ? context.transcript(lead.conversationId) : null,
    });
    const response = await CONNECTORS.webhook(context.connectors).deliver({
      id: job.id,
      url,
      headers: Array.isArray(config.headers) ? (config.headers as Array<{ name: string; value: string }>) : [],
      payload,
      secret: context.webhookSecret(),
      timeoutMs: context.settings.webhooks.timeoutMs,
      nowSeconds: context.nowSeconds(),
    });
    return { kind: 'succeeded', response };
  },
};
