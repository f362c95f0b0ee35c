import type { Router } from 'express';
import { z } from 'zod';
import { actorOf, CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';
import { parseOrThrow } from '../../core/zod-issues';
import { maskUrlCredentialsDeep } from '../../core/url-credentials';
import { NotFoundError, ValidationError } from '../../core/errors';

/**
 * The delivery ledger of a lead, replay of a failed or dead step, and the webhook test send.
 * Replaying is a lead reviewer's act; testing an endpoint belongs with building actions.
 */
const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'expected an id such as lead_abc123' });

const headerList = z.array(
  z.object({
    name: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'expected an HTTP header name such as Authorization' }),
    value: z.string().max(2000),
  }),
).max(20);

const testWebhookSchema = z.object({
  url: z
    .string({ error: 'expected the endpoint URL' })
    .url({ message: 'expected a full URL such as https://hooks.example.com/lead' })
    .refine((value) => /^https?:\/\//.test(value), { message: 'expected an http:// or https:// URL' }),
  // The step builder stores headers as a list; a plain { name: value } object is accepted too.
  headers: z
    .union([headerList, z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(2000)).transform((record) => Object.entries(record).map(([name, value]) => ({ name, value })))])
    .default([]),
  // From the builder: header values it shows are masked, so the service uses the stored ones.
  actionId: z.string().max(64).optional(),
  stepId: z.string().max(40).optional(),
});

export function registerDeliveryRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const review = adminAuth.require(CAPABILITIES.reviewLeads);
  const manage = adminAuth.require(CAPABILITIES.manageAgents);
  const outbox = container.outbox;

  router.get('/v1/leads/:leadId/deliveries', review, (request, response) => {
    // Lead reviewers did not set the endpoints: credentials in a webhook URL are masked (finding 5).
    response.json(maskUrlCredentialsDeep(outbox.ledger(parseOrThrow(idParam, request.params.leadId, 'lead id'))));
  });

  router.post('/v1/leads/:leadId/deliveries/:jobId/replay', review, (request, response) => {
    const leadId = parseOrThrow(idParam, request.params.leadId, 'lead id');
    const jobId = parseOrThrow(idParam, request.params.jobId, 'delivery id');
    response.json({ delivery: maskUrlCredentialsDeep(outbox.replay(leadId, jobId, actorOf(request).userId)) });
  });

  // Everything that failed at this delivery's endpoint while it was switched off, replayed together
  // once it is back (and the endpoint switched on again). A reviewer's act, like a single replay.
  router.post('/v1/leads/:leadId/deliveries/:jobId/replay-endpoint', review, (request, response) => {
    const leadId = parseOrThrow(idParam, request.params.leadId, 'lead id');
    const jobId = parseOrThrow(idParam, request.params.jobId, 'delivery id');
    const entry = outbox.ledger(leadId).deliveries.find((delivery) => delivery.id === jobId);
    if (!entry) throw new NotFoundError('Delivery', jobId);
    if (!entry.endpointUrl) throw new ValidationError(`Delivery '${jobId}' is a ${entry.stepType} step; only webhook deliveries have an endpoint to replay.`, [{ path: 'jobId', message: 'expected a webhook delivery' }]);
    response.json(maskUrlCredentialsDeep(outbox.replayEndpoint(entry.endpointUrl, actorOf(request).userId)));
  });

  router.get('/v1/deliveries/disabled-endpoints', manage, (_request, response) => {
    response.json({ endpoints: maskUrlCredentialsDeep(outbox.disabledEndpoints()) });
  });

  router.post('/v1/actions/test-webhook', manage, async (request, response) => {
    const { actionId, stepId, ...input } = parseOrThrow(testWebhookSchema, request.body ?? {}, 'test webhook');
    const headers = actionId && stepId ? container.actions.webhookHeaders(actionId, stepId, input.headers) : input.headers;
    const url = actionId && stepId ? container.actions.webhookUrl(actionId, stepId, input.url) : input.url;
    response.json(maskUrlCredentialsDeep(await outbox.testWebhook({ ...input, url, headers })));
  });
}
