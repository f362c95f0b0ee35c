import { startTestService, type TestService } from '../../../tests/support/signed-client';
import { actionDefinitionSchema } from '../../src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { silentLogger } from '../../src/logging/logger';
import { DEFAULT_RETENTION, createRetention } from '../../src/operations/retention';

/** Compaction after the retention periods, on a real SQLite file: bulky detail goes, what screens count stays. */
describe('retention', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('compacts delivered jobs, old lead events and daily usage, and keeps the rest', () => {
    const { container } = service;
    const db = container.db;
    const agentId = container.agents.create({ name: 'Retention agent' }).id;
    const definition = actionDefinitionSchema.parse({ ...ACTION_TEMPLATES['affiliate-application'], steps: [{ id: 'crm', type: 'webhook', config: { url: 'https://crm.example/hook' } }, { id: 'later', type: 'webhook', config: { url: 'https://crm.example/other' } }] });
    const { lead } = container.leads.submit({ agentId, actionId: null, actionKey: definition.key, actionVersion: 1, definition, values: { name: 'Ana Lima', email: 'ana@site.com', platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true } });
    // One job delivered long ago (with an attempt), one still pending.
    db.prepare("UPDATE outbox_jobs SET status = 'succeeded', attempts = 1, response = '{\"status\":200}', result = '{\"id\":7}', finished_at = '2025-01-01T00:00:00.000Z' WHERE step_id = 'crm'").run();
    db.prepare("INSERT INTO outbox_attempts (job_id, attempt, outcome, started_at, finished_at, response) SELECT id, 1, 'succeeded', '2025-01-01', '2025-01-01', '{}' FROM outbox_jobs WHERE step_id = 'crm'").run();
    db.prepare("UPDATE lead_events SET created_at = '2025-01-01T00:00:00.000Z'").run();
    const usage = db.prepare('INSERT INTO usage_daily (agent_id, day, engine, responses, input_tokens, output_tokens) VALUES (?, ?, ?, ?, ?, ?)');
    usage.run(agentId, '2024-03-05', 'offline', 2, 0, 0);
    usage.run(agentId, '2024-03-20', 'offline', 3, 0, 0);
    usage.run(agentId, '2024-04-02', 'offline', 1, 0, 0);
    // A transcript last active 200 days before "now" and one from yesterday.
    const old = container.conversations.start({ agentId, mode: 'playground', adminUser: 1 }).conversation.id;
    const recent = container.conversations.start({ agentId, mode: 'playground', adminUser: 1 }).conversation.id;
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run('2025-06-15T00:00:00.000Z', old);
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run('2025-12-31T00:00:00.000Z', recent);

    const retention = createRetention({ repository: container.operations.repository, settings: () => DEFAULT_RETENTION, logger: silentLogger, now: () => Date.parse('2026-01-01T00:00:00Z') });
    const result = retention.runOnce();
    expect(result).toMatchObject({ jobsCompacted: 1, attemptsRemoved: 1, usageRowsRolledUp: 3, transcriptsRemoved: 1 });
    expect(db.prepare('SELECT id FROM conversations').all()).toEqual([{ id: recent }]);
    expect(db.prepare('SELECT COUNT(*) AS count FROM conversation_messages WHERE conversation_id = ?').get(old)).toEqual({ count: 0 });
    expect((db.prepare('SELECT COUNT(*) AS count FROM conversation_messages WHERE conversation_id = ?').get(recent) as { count: number }).count).toBeGreaterThan(0);
    expect(result.leadEventsCompacted).toBeGreaterThanOrEqual(1);

    const jobs = db.prepare('SELECT step_id AS stepId, status, step, response, result FROM outbox_jobs ORDER BY seq').all() as Array<Record<string, string | null>>;
    expect(jobs[0]).toEqual({ stepId: 'crm', status: 'succeeded', step: '{}', response: null, result: '{"id":7}' });
    expect(jobs[1].status).toBe('pending');
    expect(JSON.parse(jobs[1].step!)).toMatchObject({ config: { url: 'https://crm.example/other' } });
    expect(db.prepare('SELECT COUNT(*) AS count FROM outbox_attempts').get()).toEqual({ count: 0 });
    expect(db.prepare('SELECT type, data FROM lead_events WHERE lead_id = ?').all(lead.id)).toEqual([{ type: 'lead-created', data: '{"compacted":true}' }]);
    expect(db.prepare('SELECT day, responses FROM usage_daily ORDER BY day').all()).toEqual([
      { day: '2024-03-01', responses: 5 },
      { day: '2024-04-01', responses: 1 },
    ]);
    // A second run finds nothing left to do.
    expect(retention.runOnce()).toMatchObject({ jobsCompacted: 0, attemptsRemoved: 0, leadEventsCompacted: 0, usageRowsRolledUp: 0, transcriptsRemoved: 0 });
  });
});
