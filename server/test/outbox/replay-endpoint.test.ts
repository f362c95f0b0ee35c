import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/fakes/webhook-receiver';
import { applicationWith, startOutboxService, STANDARD_APPLICANT, WEBHOOK_SECRET, type OutboxService } from './outbox-harness';

/**
 * Issue 16: deliveries that failed while a CRM endpoint was switched off (it answered 410 Gone)
 * are replayed together once it is back, from any one of them in a lead's ledger.
 */
describe('replaying every delivery that failed while an endpoint was disabled', () => {
  let service: OutboxService;
  let receiver: WebhookReceiver;
  const manager = { userId: 3, capabilities: ['aa_review_leads'] };

  beforeEach(async () => {
    service = await startOutboxService();
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    await service.configure({ webhooks: { signingSecret: WEBHOOK_SECRET }, network: { allowHosts: ['127.0.0.1'] } });
  });
  afterEach(async () => {
    await service.close();
    await receiver.close();
  });

  const crm = () => applicationWith([{ id: 'crm', type: 'webhook', label: 'Send to the CRM', config: { url: `${receiver.url}/hooks/lead` } }], { replaceSteps: true });

  it('queues all of them at once, switches the endpoint on, and each lead reaches the CRM once', async () => {
    receiver.script(410);
    const submit = (name: string) => service.submit(crm(), { ...STANDARD_APPLICANT, name, email: `${name}@example.com` }).lead;
    const leads = [submit('ana')];
    await service.deliver();
    leads.push(submit('bo'), submit('cy'));
    await service.deliver();
    expect(leads.map((lead) => service.container.outbox.ledger(lead.id).deliveries[0].status)).toEqual(['failed', 'failed', 'failed']);
    expect(receiver.all).toHaveLength(1); // the 410; the other two never left: the endpoint was off

    const endpoints = await service.request('GET', '/v1/deliveries/disabled-endpoints');
    expect(endpoints.body.endpoints).toEqual([expect.objectContaining({ url: `${receiver.url}/hooks/lead`, failedDeliveries: 3, leads: 3, disabledReason: expect.stringContaining('410 Gone') })]);

    // The CRM is back. A manager replays them all from the second lead's ledger.
    const job = service.container.outbox.ledger(leads[1].id).deliveries[0];
    expect(job.endpointUrl).toBe(`${receiver.url}/hooks/lead`);
    const replay = await service.request('POST', `/v1/leads/${leads[1].id}/deliveries/${job.id}/replay-endpoint`, undefined, manager);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ url: `${receiver.url}/hooks/lead`, replayed: 3, leads: 3 });
    await service.deliver();

    expect(leads.map((lead) => service.container.outbox.ledger(lead.id).deliveries[0].status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect([...receiver.unique.values()].map((hook) => hook.payload.data.lead.email).sort()).toEqual(['ana@example.com', 'bo@example.com', 'cy@example.com']);
    expect((await service.request('GET', '/v1/deliveries/disabled-endpoints')).body.endpoints).toEqual([]);

    // Nothing is left to replay there: a clear 404, not a silent success.
    const again = await service.request('POST', `/v1/leads/${leads[1].id}/deliveries/${job.id}/replay-endpoint`, undefined, manager);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('endpoint_not_found');
  });

  it('needs the lead reviewer capability, and a webhook delivery', async () => {
    const { lead } = service.submit(applicationWith([{ id: 'crm', type: 'webhook', config: { url: `${receiver.url}/x` } }, { id: 'hello', type: 'email', config: { to: 'applicant', subject: 'Hi', body: 'Hello' } }], { replaceSteps: true }), STANDARD_APPLICANT);
    const [webhook, email] = service.container.outbox.ledger(lead.id).deliveries;
    const forbidden = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${webhook.id}/replay-endpoint`, undefined, { userId: 4, capabilities: [] });
    expect(forbidden.status).toBe(403);
    const notWebhook = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${email.id}/replay-endpoint`, undefined, manager);
    expect(notWebhook.status).toBe(400);
    expect(notWebhook.body.error.message).toMatch(/only webhook deliveries have an endpoint/);
  });
});
