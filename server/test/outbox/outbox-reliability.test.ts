import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/fakes/webhook-receiver';
import { maxRetryDelayMs, retryDelayMs } from '../../src/outbox/backoff';
import { retrySettingsSchema } from '../../src/connectors/delivery-settings';
import { applicationWith, startOutboxService, STANDARD_APPLICANT, WEBHOOK_SECRET, type OutboxService } from './outbox-harness';

const HOUR = 3_600_000;

describe('outbox reliability: retries, dead letters, replay, idempotency, leases', () => {
  let service: OutboxService;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    service = await startOutboxService();
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    await service.configure({ webhooks: { signingSecret: WEBHOOK_SECRET }, network: { allowHosts: ['127.0.0.1'] } });
  });
  afterEach(async () => {
    await service.close();
    await receiver.close();
  });

  const hookOnly = () =>
    applicationWith(
      [
        { id: 'crm', type: 'webhook', config: { url: `${receiver.url}/crm` } },
        { id: 'crm_followup', type: 'webhook', dependsOn: ['crm'], config: { url: `${receiver.url}/followup` } },
      ],
      { replaceSteps: true },
    );
  const job = (leadId: string, stepId: string) => service.container.outbox.ledger(leadId).deliveries.find((delivery) => delivery.stepId === stepId)!;

  it('backs off exponentially with jitter, from seconds to a day', () => {
    const settings = retrySettingsSchema.parse({});
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((attempt) => maxRetryDelayMs(attempt, settings) / 1000)).toEqual([30, 120, 480, 1920, 7680, 30720, 86400, 86400]);
    expect(retryDelayMs(3, settings, () => 0)).toBe(240_000);
    expect(retryDelayMs(3, settings, () => 0.5)).toBe(360_000);
  });

  it('retries a failing endpoint later, not before its time, and delivers once it recovers', async () => {
    receiver.script(500, 503);
    const { lead } = service.submit(hookOnly(), STANDARD_APPLICANT);
    await service.deliver();
    expect(job(lead.id, 'crm')).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 500') });
    expect(job(lead.id, 'crm_followup')).toMatchObject({ status: 'pending', attempts: 0 });

    service.clock.advance(29_000);
    expect(await service.deliver()).toBe(0);
    service.clock.advance(1_000);
    await service.deliver();
    expect(job(lead.id, 'crm')).toMatchObject({ status: 'pending', attempts: 2, lastError: expect.stringContaining('HTTP 503') });

    service.clock.advance(120_000);
    await service.deliver();
    expect(job(lead.id, 'crm')).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(job(lead.id, 'crm_followup')).toMatchObject({ status: 'succeeded', attempts: 1 });
    const crmCalls = receiver.all.filter((hook) => hook.path === '/crm');
    expect(crmCalls).toHaveLength(3);
    // Every retry carries the same webhook-id, so the receiver keeps one event.
    expect(new Set(crmCalls.map((hook) => hook.id)).size).toBe(1);
    expect([...receiver.unique.values()].map((hook) => hook.path)).toEqual(['/crm', '/followup']);
    expect(job(lead.id, 'crm').history.map((attempt) => attempt.outcome)).toEqual(['retry', 'retry', 'succeeded']);
  });

  it('moves a job to dead after its last attempt, skips its dependents, and a manager can replay it', async () => {
    await service.configure({ retry: { maxAttempts: 3, baseDelaySeconds: 60, maxDelaySeconds: 86_400 } });
    receiver.setDefaultStatus(503);
    const { lead } = service.submit(hookOnly(), STANDARD_APPLICANT);
    for (let round = 0; round < 5; round += 1) {
      await service.deliver();
      service.clock.advance(24 * HOUR);
    }
    expect(job(lead.id, 'crm')).toMatchObject({ status: 'dead', attempts: 3, replayable: true, lastError: expect.stringContaining('gave up after 3 attempts') });
    expect(job(lead.id, 'crm_followup')).toMatchObject({ status: 'skipped', lastError: expect.stringContaining("depends on 'crm'") });

    const notReplayable = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${job(lead.id, 'crm_followup').id}/replay`);
    expect(notReplayable).toMatchObject({ status: 409, body: { error: { code: 'not_replayable' } } });
    const forbidden = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${job(lead.id, 'crm').id}/replay`, undefined, { capabilities: ['aa_manage_agents'] });
    expect(forbidden.status).toBe(403);

    receiver.setDefaultStatus(200);
    const replay = await service.request('POST', `/v1/leads/${lead.id}/deliveries/${job(lead.id, 'crm').id}/replay`, undefined, { userId: 3, capabilities: ['aa_review_leads'] });
    expect(replay).toMatchObject({ status: 200, body: { delivery: { status: 'pending', attempts: 0 } } });
    await service.deliver();
    expect(job(lead.id, 'crm')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(job(lead.id, 'crm_followup')).toMatchObject({ status: 'succeeded' });
    expect(receiver.unique.size).toBe(2);
  });

  it('scheduling the same lead event twice creates its jobs once (idempotency key leadId:stepId:trigger)', async () => {
    const definition = hookOnly();
    const { lead } = service.submit(definition, STANDARD_APPLICANT);
    service.container.outbox.scheduler.scheduleSteps(lead, definition, 'lead-created');
    expect(service.container.outbox.repository.listByLead(lead.id)).toHaveLength(2);
    expect(service.container.outbox.repository.listByLead(lead.id)[0].idempotencyKey).toBe(`${lead.id}:crm:lead-created`);
    // A second submission with the same email is a new lead with its own keys; the first keeps its jobs.
    const { lead: second } = service.submit(definition, { ...STANDARD_APPLICANT, audience_size: 20000 });
    expect(second.id).not.toBe(lead.id);
    expect(service.container.outbox.repository.listByLead(lead.id).map((entry) => entry.trigger)).toEqual(['lead-created', 'lead-created']);
    expect(service.container.outbox.repository.listByLead(second.id)[0].idempotencyKey).toBe(`${second.id}:crm:lead-created`);
  });

  it('a job claimed by a process that died is claimed again once its lease expires, and the receiver still sees it once', async () => {
    const { lead } = service.submit(hookOnly(), STANDARD_APPLICANT);
    const repository = service.container.outbox.repository;
    const now = service.clock.now();
    const [claimed] = repository.claimDue({ now, limit: 1, leaseMs: 120_000, token: 'dead-process', updatedAt: new Date(now).toISOString() });
    expect(claimed.stepId).toBe('crm');
    // The dead process had already posted before it died.
    await fetch(`${receiver.url}/crm`, { method: 'POST', headers: { 'webhook-id': claimed.id, 'content-type': 'application/json' }, body: '{}' });

    expect(await service.deliver()).toBe(0);
    service.clock.advance(120_000);
    await service.deliver();
    expect(job(lead.id, 'crm')).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(receiver.all.filter((hook) => hook.id === claimed.id)).toHaveLength(2);
    expect([...receiver.unique.keys()].filter((id) => id === claimed.id)).toHaveLength(1);
    // The dead process's late answer cannot overwrite the new claim's outcome.
    expect(repository.finish({ job: claimed, status: 'failed', lastError: 'late', response: null, nextAttemptAt: now, startedAt: '', updatedAt: '', attemptOutcome: 'failed' })).toBe(false);
  });

  it('gives up on an endpoint that does not answer within the timeout, and retries it later', async () => {
    const slow = await startSlowServer();
    await service.configure({ webhooks: { timeoutMs: 1000 } });
    const { lead } = service.submit(applicationWith([{ id: 'slow', type: 'webhook', config: { url: slow.url } }], { replaceSteps: true }), STANDARD_APPLICANT);
    await service.deliver();
    expect(job(lead.id, 'slow')).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('did not answer within 1000 ms') });
    slow.release();
    await slow.close();
  });

  it('graceful shutdown hands back a claim that did not finish in time', async () => {
    receiver.setDefaultStatus(200);
    const slow = await startSlowServer();
    await service.configure({ network: { allowHosts: ['127.0.0.1'] } });
    const { lead } = service.submit(applicationWith([{ id: 'slow', type: 'webhook', config: { url: slow.url } }], { replaceSteps: true }), STANDARD_APPLICANT);
    service.container.outbox.start();
    await slow.requested;
    await service.container.outbox.stop({ graceMs: 50 });
    expect(job(lead.id, 'slow')).toMatchObject({ status: 'pending', attempts: 0 });
    slow.release();
    await slow.close();
  });
});

async function startSlowServer() {
  const http = await import('node:http');
  let release: () => void = () => undefined;
  let requested: () => void = () => undefined;
  const requestedPromise = new Promise<void>((resolve) => (requested = resolve));
  const server = http.createServer((_request, response) => {
    requested();
    release = () => response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    requested: requestedPromise,
    release: () => release(),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
