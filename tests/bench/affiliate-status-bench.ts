/**
 * Two-way AffiliateWP status benchmark: what the plugin's status report and the REST reconciliation
 * cost in the store as leads and outbox jobs grow. Prints figures, asserts nothing.
 * - owner lookup: the signed status-changed route finds the lead that owns an affiliate (leads.affiliate_id
 *   or the lead's own succeeded application job), p50/p99;
 * - reconciliation: enumerating the undecided leads that own an affiliate, page by page, for one pass;
 * - a no-op report through the whole sync (owner lookup, parse, "already approved").
 * Run: npx tsx tests/bench/affiliate-status-bench.ts [leadCount] [undecidedPercent]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { createContainer } from '../../server/src/container';
import { loadConfig } from '../../server/src/config/config';
import { silentLogger } from '../../server/src/logging/logger';
import { ACTION_TEMPLATES } from '../../server/src/actions/templates';
import { RECONCILE_BATCH_SIZE } from '../../server/src/outbox/affiliate-reconciliation';

const leadCount = Number(process.argv[2] ?? 20_000);
const undecidedPercent = Number(process.argv[3] ?? 10);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bench-affstatus-'));
const db = openDatabase(path.join(directory, 'bench.sqlite'));
const container = createContainer({ db, config: loadConfig({ AA_DATA_DIR: directory }), secret: 'x'.repeat(40), logger: silentLogger });
const agent = container.agents.create({ name: 'Bench' });
const definition = ACTION_TEMPLATES['affiliate-application'];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

const setupStart = process.hrtime.bigint();
const leadIds: string[] = [];
for (let index = 0; index < leadCount; index += 1) {
  const { lead } = container.leads.submit({
    agentId: agent.id,
    actionId: null,
    actionKey: definition.key,
    actionVersion: 1,
    definition,
    values: { name: `Applicant ${index}`, email: `applicant${index}@example.com`, platform: 'blog', audience_size: 1000 + index, traffic_source: 'seo', consent: true },
  });
  leadIds.push(lead.id);
  // The lead's own application created affiliate #index+1 (as the worker would record it).
  container.outbox.repository.insert({
    id: `job_bench_${index}`,
    idempotencyKey: `${lead.id}:affiliatewp:bench`,
    leadId: lead.id,
    groupKey: `${lead.id}:bench`,
    trigger: 'bench',
    stepId: 'affiliatewp',
    stepType: 'affiliatewp_application',
    stepLabel: null,
    seq: 0,
    step: {},
    dependsOn: [],
    status: 'succeeded',
    maxAttempts: 1,
    nextAttemptAt: Date.now(),
    lastError: null,
    result: { affiliateId: index + 1, created: true, status: 'pending' },
    actor: null,
    createdAt: new Date().toISOString(),
  });
  if (index % 100 >= undecidedPercent) container.repositories.leads.update({ ...lead, status: 'approved' });
}
const jobCount = (db.prepare('SELECT COUNT(*) AS count FROM outbox_jobs').get() as { count: number }).count;
console.log(`setup: ${leadCount} leads, ${jobCount} outbox jobs, ${undecidedPercent}% undecided, in ${(ms(setupStart) / 1000).toFixed(1)} s`);

const lookups: number[] = [];
for (let run = 0; run < 300; run += 1) {
  const affiliateId = 1 + ((run * 7919) % leadCount);
  const started = process.hrtime.bigint();
  container.outbox.repository.ownersOfAffiliate(affiliateId);
  lookups.push(ms(started));
}
lookups.sort((a, b) => a - b);
console.log(`owner lookup (status-changed route)   p50 ${percentile(lookups, 50).toFixed(2)} ms  p99 ${percentile(lookups, 99).toFixed(2)} ms`);

const passStart = process.hrtime.bigint();
let candidates = 0;
let pages = 0;
let after: string | undefined;
for (;;) {
  const page = container.outbox.repository.undecidedLeadsWithAffiliate({ limit: RECONCILE_BATCH_SIZE, after });
  candidates += page.length;
  pages += 1;
  if (page.length < RECONCILE_BATCH_SIZE) break;
  after = page[page.length - 1]!.createdAt;
}
console.log(`reconciliation candidates: ${candidates} undecided leads in ${pages} pages, ${ms(passStart).toFixed(1)} ms to enumerate (one GET /affiliates/{id} each over REST)`);

const noops: number[] = [];
for (let run = 0; run < 200; run += 1) {
  const index = (run * 104729) % leadCount;
  if (index % 100 < undecidedPercent) continue; // only approved leads: the echo of our own approval
  const started = process.hrtime.bigint();
  container.affiliateStatus.apply({ affiliateId: index + 1, status: 'active', previousStatus: 'pending', actor: { userId: 1, displayName: 'bench' } });
  noops.push(ms(started));
}
noops.sort((a, b) => a - b);
console.log(`no-op report through the sync           p50 ${percentile(noops, 50).toFixed(2)} ms  p99 ${percentile(noops, 99).toFixed(2)} ms  (${noops.length} runs)`);
console.log(`database file: ${(fs.statSync(path.join(directory, 'bench.sqlite')).size / 1e6).toFixed(1)} MB`);
void container.close();
fs.rmSync(directory, { recursive: true, force: true });
