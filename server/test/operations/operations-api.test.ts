import { startTestService, type TestService } from '../../../tests/support/signed-client';
import { actionDefinitionSchema } from '../../src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { UpstreamError } from '../../src/core/errors';
import { SITE_ORIGIN, Visitor, setUpAgent } from '../conversations/support/chat-client';

/**
 * Readiness, the authenticated health report, retention settings and /metrics, over real HTTP on a
 * real SQLite file.
 */
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe('operations endpoints', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ environment: { AA_METRICS_TOKEN: METRICS_TOKEN, AA_ALLOWED_ORIGINS: SITE_ORIGIN } });
  });
  afterAll(() => service.close());

  it('reports ready when the database is writable and the outbox keeps up, without credentials', async () => {
    const response = await service.raw('GET', '/ready');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ready: true, degraded: false, checks: { database: { ok: true }, outbox: { ok: true, depth: 0 }, model: { circuit: 'none' }, stopping: false } });
  });

  it('reports not ready once the service is stopping', async () => {
    const other = await startTestService();
    other.container.operations.readiness.markStopping();
    const response = await other.raw('GET', '/ready');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { checks: Record<string, unknown> }).checks.stopping).toBe(true);
    await other.close();
  });

  it('reports not ready when the oldest due outbox job waited longer than the bound', async () => {
    const lagging = await startTestService({ environment: { AA_READY_MAX_OUTBOX_LAG_MS: '1000' } });
    try {
      const agentId = lagging.container.agents.create({ name: 'Lagging agent' }).id;
      const definition = actionDefinitionSchema.parse({ ...ACTION_TEMPLATES['affiliate-application'], steps: [{ id: 'crm', type: 'webhook', config: { url: 'https://crm.example/hook' } }] });
      lagging.container.leads.submit({ agentId, actionId: null, actionKey: definition.key, actionVersion: 1, definition, values: { name: 'Ana Lima', email: 'ana@site.com', platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true } });
      // The worker is not started here: the job waits. Make it a minute overdue.
      lagging.container.db.prepare("UPDATE outbox_jobs SET next_attempt_at = ? WHERE status = 'pending'").run(Date.now() - 60_000);
      const response = await lagging.raw('GET', '/ready');
      expect(response.status).toBe(503);
      expect(((await response.json()) as { checks: Record<string, unknown> }).checks.outbox).toMatchObject({ ok: false, depth: 1, maxLagMs: 1000 });
    } finally {
      await lagging.close();
    }
  });

  it('gives managers of agents a health report with database size and row counts', async () => {
    const report = await service.request('GET', '/v1/operations/health');
    expect(report.status).toBe(200);
    expect(report.body.database.bytesOnDisk).toBeGreaterThan(0);
    expect(report.body.database.rows).toMatchObject({ agents: expect.any(Number), leads: 0, outbox_jobs: 0 });
    expect(report.body.retention).toEqual({ deliveredJobsDays: 30, leadEventsDays: 180, usageDailyDays: 400, transcriptsDays: 180 });
    const unsigned = await service.raw('GET', '/v1/operations/health');
    expect(unsigned.status).toBe(401);
    const manager = await service.request('GET', '/v1/operations/health', undefined, { capabilities: ['aa_review_leads'] });
    expect(manager.status).toBe(403);
  });

  it('changes retention periods and names what a wrong value should be', async () => {
    const changed = await service.request('PATCH', '/v1/settings/retention', { leadEventsDays: 90 });
    expect(changed.status).toBe(200);
    expect(changed.body.retention).toEqual({ deliveredJobsDays: 30, leadEventsDays: 90, usageDailyDays: 400, transcriptsDays: 180 });
    const wrong = await service.request('PATCH', '/v1/settings/retention', { leadEventsDays: 0, keepForever: true });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('leadEventsDays');
    expect(wrong.text).toContain('at least 1 day');
    expect((await service.request('GET', '/v1/settings/retention')).body.retention.leadEventsDays).toBe(90);
  });

  it('serves Prometheus metrics only with the token, including the turn it just measured', async () => {
    const agentId = await setUpAgent(service);
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    const turn = await visitor.say('How much commission do you pay?');
    expect(turn.status).toBe(200);

    expect((await service.raw('GET', '/metrics')).status).toBe(401);
    expect((await service.raw('GET', '/metrics', { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const response = await service.raw('GET', '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^aa_turn_duration_seconds_count\{outcome="ok"\} 1$/m);
    expect(text).toMatch(/^aa_turn_first_text_seconds_count 1$/m);
    expect(text).toMatch(/^aa_outbox_depth 0$/m);
    expect(text).toContain('aa_outbox_oldest_due_age_seconds');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(text).toContain('# TYPE aa_retrieval_duration_seconds histogram');
  });

  it('stays ready but degraded while the model circuit is open, the offline engine still answering; /metrics shows the breaker', async () => {
    const other = await startTestService({ environment: { AA_METRICS_TOKEN: METRICS_TOKEN, AA_ALLOWED_ORIGINS: SITE_ORIGIN } });
    try {
      // The provider is out of reach: every call fails upstream, and one failure opens the breaker.
      other.container.chat.setModel(
        {
          name: 'unreachable',
          async *stream() {
            throw new UpstreamError('connection refused', 'upstream_failed');
          },
        },
        { failureThreshold: 1, cooldownMs: 60_000 },
      );
      const scrape = async () => (await other.raw('GET', '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      expect(await scrape()).toMatch(/^aa_model_circuit_state\{state="closed"\} 1$/m);
      expect(((await (await other.raw('GET', '/ready')).json()) as { checks: { model: unknown } }).checks.model).toEqual({ ok: true, circuit: 'closed' });

      const visitor = new Visitor(other, await setUpAgent(other));
      await visitor.start();
      const turn = await visitor.say('How much commission do you pay?');
      expect(turn.status).toBe(200);
      expect(turn.reply.length).toBeGreaterThan(0);

      const ready = await other.raw('GET', '/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, degraded: true, checks: { model: { ok: false, circuit: 'open' } } });
      const text = await scrape();
      expect(text).toMatch(/^aa_model_circuit_state\{state="open"\} 1$/m);
      expect(text).toMatch(/^aa_model_circuit_state\{state="closed"\} 0$/m);
      expect(text).toMatch(/^aa_model_circuit_opens_total 1$/m);
      expect(text).toMatch(/^aa_model_circuit_consecutive_failures 1$/m);
    } finally {
      await other.close();
    }
  });

  it('keeps /metrics off without a token', async () => {
    const plain = await startTestService();
    const response = await plain.raw('GET', '/metrics');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('AA_METRICS_TOKEN');
    await plain.close();
  });
});
