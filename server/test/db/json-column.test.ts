import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openDatabase, type Database } from '../../src/db/database';
import { jsonShapes, readJsonColumn, setJsonColumnLogger, writeJsonColumn, writeNullableJsonColumn } from '../../src/db/json-column';
import { createLogger } from '../../src/logging/logger';
import { createAgentRepository } from '../../src/agents/agent-repository';
import { createSettingsRepository } from '../../src/settings/settings-repository';
import { agentInputSchema } from '../../src/contract/agent-types';
import { actionDefinitionSchema } from '../../src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { createContainer } from '../../src/container';
import { loadConfig } from '../../src/config/config';

/** A real logger whose JSON lines are kept, so the test reads what an operator would see. */
function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger('warn', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

describe('JSON columns', () => {
  let db: Database;
  let log: ReturnType<typeof recordingLogger>;

  beforeEach(() => {
    db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aa-json-column-')), 'test.sqlite'));
    log = recordingLogger();
    setJsonColumnLogger(log.logger);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  it('round-trips what it writes and stores null as SQL NULL', () => {
    const value = { types: ['page'], nested: { list: [1, 'two', null] } };
    expect(readJsonColumn(writeJsonColumn(value), {}, { column: 't.c' })).toEqual(value);
    expect(writeNullableJsonColumn(null)).toBeNull();
    expect(writeNullableJsonColumn(undefined)).toBeNull();
    expect(writeNullableJsonColumn([])).toBe('[]');
    expect(readJsonColumn(null, ['fallback'], { column: 't.c' })).toEqual(['fallback']);
    expect(log.lines).toEqual([]);
  });

  it('gives the fallback and one warning naming the column and row for text that is not JSON', () => {
    const read = { column: 'leads.fields', rowId: 'lead_1' };
    expect(readJsonColumn('{"broken', {}, read)).toEqual({});
    expect(readJsonColumn('{"broken', {}, read)).toEqual({});
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ level: 'warn', column: 'leads.fields', rowId: 'lead_1' });
    expect(log.lines[0].problem).toBe('not JSON (8 characters)');
  });

  it('checks the shape where a schema is given, and returns the stored value untouched when it fits', () => {
    expect(readJsonColumn('{"a":1}', [], { column: 'outbox_jobs.depends_on', rowId: 'job_1', schema: jsonShapes.strings })).toEqual([]);
    expect(log.lines[0]).toMatchObject({ column: 'outbox_jobs.depends_on', rowId: 'job_1' });
    expect(String(log.lines[0].problem)).toMatch(/unexpected shape/);
    // A schema that would strip keys must not change what is returned.
    const stored = { types: ['page'], extra: true };
    expect(readJsonColumn(JSON.stringify(stored), null, { column: 'knowledge_sets.wordpress', schema: z.object({ types: z.array(z.string()) }) })).toEqual(stored);
  });

  it('keeps a repository serving a corrupt row: an agent falls back to the default settings', () => {
    const agents = createAgentRepository(db);
    const now = new Date().toISOString();
    const settings = agentInputSchema.parse({ name: 'Support', greeting: 'Hello there' });
    agents.insert({ ...settings, id: 'agt_ok', createdAt: now, updatedAt: now });
    agents.insert({ ...settings, id: 'agt_bad', createdAt: now, updatedAt: now });
    db.prepare("UPDATE agents SET data = '{not json' WHERE id = 'agt_bad'").run();

    const listed = agents.list();
    expect(listed.map((agent) => agent.id).sort()).toEqual(['agt_bad', 'agt_ok']);
    expect(listed.find((agent) => agent.id === 'agt_ok')?.greeting).toBe('Hello there');
    const damaged = listed.find((agent) => agent.id === 'agt_bad')!;
    expect(damaged.name).toBe('Support');
    expect(damaged.greeting).toBe(agentInputSchema.parse({ name: 'x' }).greeting);
    agents.findById('agt_bad');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ column: 'agents.data', rowId: 'agt_bad' });
  });

  it('reads a damaged setting as unset', () => {
    const settings = createSettingsRepository(db);
    settings.set('delivery', { network: { allowHosts: ['a.example'] } });
    expect(settings.get('delivery')).toEqual({ network: { allowHosts: ['a.example'] } });
    db.prepare("UPDATE settings SET value = 'nope' WHERE key = 'delivery'").run();
    expect(settings.get('delivery')).toBeNull();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ column: 'settings.value', rowId: 'delivery' });
  });

  it('keeps a lead, its timeline and its outbox jobs readable when their JSON columns are damaged', async () => {
    const directory = path.dirname(db.name);
    const container = createContainer({ db, config: loadConfig({ AA_DATA_DIR: directory }), secret: 'x'.repeat(40), logger: log.logger });
    const agentId = container.agents.create({ name: 'Damage agent' }).id;
    const definition = actionDefinitionSchema.parse({ ...ACTION_TEMPLATES['affiliate-application'], steps: [{ id: 'crm', type: 'webhook', config: { url: 'https://crm.example/hook' } }] });
    const { lead } = container.leads.submit({ agentId, actionId: null, actionKey: definition.key, actionVersion: 1, definition, values: { name: 'Ana Lima', email: 'ana@site.com', platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true } });
    db.prepare("UPDATE leads SET fields = '{', score_explanation = '[]', consents = 'null' WHERE id = ?").run(lead.id);
    db.prepare("UPDATE lead_events SET data = 'oops' WHERE lead_id = ?").run(lead.id);
    db.prepare(`UPDATE outbox_jobs SET depends_on = '{"not":"a list"}', step = 'x' WHERE lead_id = ?`).run(lead.id);

    const detail = container.leads.detail(lead.id);
    expect(detail.lead).toMatchObject({ id: lead.id, email: 'ana@site.com', fields: {}, consents: [], scoreExplanation: { matched: [], threshold: null, tags: [], summary: '' } });
    expect(container.leads.list({}).items.map((listed) => listed.id)).toEqual([lead.id]);
    expect(container.repositories.leads.listEvents(lead.id).every((event) => JSON.stringify(event.data) === '{}')).toBe(true);
    const [job] = container.outbox.ledger(lead.id).deliveries;
    expect(job).toMatchObject({ stepId: 'crm', status: 'pending' });
    const columns = log.lines.map((line) => line.column).sort();
    expect(columns).toEqual(expect.arrayContaining(['lead_events.data', 'leads.consents', 'leads.fields', 'leads.score_explanation', 'outbox_jobs.depends_on', 'outbox_jobs.step']));
    // Read again: no second warning for the same cells.
    container.leads.detail(lead.id);
    expect(log.lines.map((line) => line.column).sort()).toEqual(columns);
    await container.close();
  });
});
