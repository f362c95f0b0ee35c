/**
 * Recruitment funnel benchmark: GET /v1/funnel's report (through the real funnel service) over one
 * agent's 100k visitor conversations in a 30-day range, with their funnel steps and leads, per groupBy.
 * Rows are written with plain SQL in one transaction, as the chat path would leave them (the chat path
 * itself is not what is measured here).
 * Run: npx tsx tests/bench/funnel-bench.ts [conversationCount]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { createContainer } from '../../server/src/container';
import { loadConfig } from '../../server/src/config/config';
import { silentLogger } from '../../server/src/logging/logger';

const conversationCount = Number(process.argv[2] ?? 100_000);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bench-funnel-'));
const db = openDatabase(path.join(directory, 'bench.sqlite'));
const container = createContainer({ db, config: loadConfig({ AA_DATA_DIR: directory }), secret: 'x'.repeat(40), logger: silentLogger });
const agent = container.agents.create({ name: 'Bench' });
const other = container.agents.create({ name: 'Other agent' });
const action = container.actions.create(agent.id, { template: 'affiliate-application', publish: true });
const fields = ['name', 'email', 'platform', 'audience_size', 'traffic_source', 'website', 'consent'];
const pages = ['https://shop.example/partners', 'https://shop.example/join', 'https://shop.example/blog/post-1', 'https://shop.example/'];
const sources = ['google', 'newsletter', 'youtube', null];

const insertConversation = db.prepare("INSERT INTO conversations (id, agent_id, mode, visitor_id, source, state, created_at, updated_at, funnel_page, funnel_utm_source, funnel_action) VALUES (?, ?, 'visitor', ?, ?, '{}', ?, ?, ?, ?, ?)");
const insertStep = db.prepare('INSERT INTO funnel_steps (conversation_id, action_key, field_key, action_version, reached_at) VALUES (?, ?, ?, 1, ?)');
const insertLead = db.prepare(
  "INSERT INTO leads (id, agent_id, action_id, action_key, action_version, conversation_id, email, name, fields, score, score_explanation, route, status, source, consents, created_at, updated_at) VALUES (?, ?, ?, 'affiliate-application', 1, ?, ?, 'N', '{}', 10, '{}', 'standard', ?, '{}', '[]', ?, ?)",
);
const start = Date.parse('2026-11-01T00:00:00Z');
const fillStart = process.hrtime.bigint();
db.transaction(() => {
  for (let index = 0; index < conversationCount; index += 1) {
    const at = new Date(start + Math.floor((index / conversationCount) * 30 * 86_400_000)).toISOString();
    const source = sources[index % sources.length];
    const id = `cnv_${index}`;
    // Every other agent's conversation sits in the same table: the index must keep them out.
    // The split columns as the conversation repository writes them (migration 014).
    const page = pages[index % pages.length];
    const started = index % 2 === 0;
    insertConversation.run(id, index % 5 === 4 ? other.id : agent.id, `vis_${index}`, JSON.stringify({ url: `${page}?ref=${index % 13}`, utm: source ? { source } : undefined }), at, at, page, source, started ? 'affiliate-application@1' : null);
    // Half start the application; of those, each stops after a different number of fields; 1 in 10 submits.
    if (started) {
      const answered = index % 10 === 0 ? fields.length : (index / 2) % fields.length;
      insertStep.run(id, 'affiliate-application', '', at);
      for (const field of fields.slice(0, answered)) insertStep.run(id, 'affiliate-application', field, at);
      if (index % 10 === 0) insertLead.run(`lead_${index}`, agent.id, action.id, id, `a${index}@example.com`, index % 30 === 0 ? 'approved' : 'new', at, at);
    }
  }
})();
const fillSeconds = Number(process.hrtime.bigint() - fillStart) / 1e9;
console.log(`wrote ${conversationCount} conversations (${Math.round(conversationCount * 0.8)} of the bench agent), their steps and leads in ${fillSeconds.toFixed(1)} s`);
db.exec('ANALYZE');

for (const groupBy of [undefined, 'page', 'utm_source', 'action_version']) {
  const timings: number[] = [];
  let report = container.funnel.report({ agentId: agent.id, from: '2026-11-01', to: '2026-11-30', ...(groupBy ? { groupBy } : {}) });
  for (let run = 0; run < 7; run += 1) {
    const begin = process.hrtime.bigint();
    report = container.funnel.report({ agentId: agent.id, from: '2026-11-01', to: '2026-11-30', ...(groupBy ? { groupBy } : {}) });
    timings.push(Number(process.hrtime.bigint() - begin) / 1e6);
  }
  timings.sort((a, b) => a - b);
  const { conversations, applicationStarted, submitted, approved } = report.total;
  console.log(
    `groupBy=${groupBy ?? '(none)'}: median ${timings[3].toFixed(0)} ms, max ${timings[6].toFixed(0)} ms over 7 runs; ${conversations} conversations, ${applicationStarted} started, ${submitted} submitted, ${approved} approved, ${report.groups.length} groups`,
  );
}
const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM conversations c WHERE c.agent_id = ? AND c.mode = 'visitor' AND c.created_at >= ? AND c.created_at < ?").all(agent.id, 'a', 'z') as Array<{ detail: string }>;
console.log(`cohort plan: ${plan.map((row) => row.detail).join('; ')}`);
container.close().then(() => fs.rmSync(directory, { recursive: true, force: true }));
