/**
 * Lead store benchmark: insert throughput through the real lead service (qualification, tags,
 * events, FTS triggers, one transaction per lead) and p50/p99 of filtered inbox queries at 100k leads.
 * Run: npx tsx tests/bench/leads-bench.ts [leadCount]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { createContainer } from '../../server/src/container';
import { loadConfig } from '../../server/src/config/config';
import { silentLogger } from '../../server/src/logging/logger';
import { ACTION_TEMPLATES } from '../../server/src/actions/templates';

const leadCount = Number(process.argv[2] ?? 100_000);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bench-leads-'));
const db = openDatabase(path.join(directory, 'bench.sqlite'));
const container = createContainer({ db, config: loadConfig({ AA_DATA_DIR: directory }), secret: 'x'.repeat(40), logger: silentLogger });
const agents = [container.agents.create({ name: 'Bench A' }), container.agents.create({ name: 'Bench B' })];
const definition = ACTION_TEMPLATES['affiliate-application'];
const platforms = ['youtube', 'instagram', 'tiktok', 'blog', 'newsletter', 'other'];
const sources = ['organic_social', 'seo', 'paid_ads', 'email', 'coupons'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const insertStart = process.hrtime.bigint();
for (let index = 0; index < leadCount; index += 1) {
  container.leads.submit({
    agentId: agents[index % 2].id,
    actionId: null,
    actionKey: definition.key,
    actionVersion: 1,
    definition,
    values: {
      name: `Applicant ${index}`,
      email: `applicant${index}@example.com`,
      platform: platforms[index % platforms.length],
      audience_size: (index * 7919) % 300_000,
      traffic_source: sources[index % sources.length],
      consent: true,
    },
    conversationId: `cnv_${index}`,
  });
}
const insertSeconds = Number(process.hrtime.bigint() - insertStart) / 1e9;
console.log(`inserted ${leadCount} leads in ${insertSeconds.toFixed(1)} s: ${(leadCount / insertSeconds).toFixed(0)} leads/s (one transaction each, WAL, synchronous=NORMAL)`);

const queries: Array<[string, Record<string, string>]> = [
  ['newest page, no filter', {}],
  ['route=priority', { route: 'priority' }],
  ['tag=beginner', { tag: 'beginner' }],
  ['status=new & agent', { status: 'new', agentId: agents[1].id }],
  ['free text "applicant 4242"', { q: 'applicant 4242' }],
  ['free text email', { q: 'applicant4242@example.com' }],
  ['tag + route + date range', { tag: 'influencer', route: 'priority', from: '2000-01-01', to: '2999-01-01' }],
  ['sort by score', { sort: 'score' }],
];
for (const [label, query] of queries) {
  const timings: number[] = [];
  let cursor: string | null = null;
  for (let run = 0; run < 200; run += 1) {
    const started = process.hrtime.bigint();
    // Alternate first pages and deeper pages, as a manager scrolling would.
    const page = container.leads.list({ ...query, limit: '50', ...(run % 2 === 1 && cursor ? { cursor } : {}) });
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    cursor = page.nextCursor;
  }
  timings.sort((a, b) => a - b);
  console.log(`list ${label.padEnd(28)} p50 ${percentile(timings, 50).toFixed(2)} ms  p99 ${percentile(timings, 99).toFixed(2)} ms`);
}
console.log(`database file: ${(fs.statSync(path.join(directory, 'bench.sqlite')).size / 1e6).toFixed(1)} MB; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
db.close();
fs.rmSync(directory, { recursive: true, force: true });
