/**
 * Applicant trust checks benchmark: what the checks add to a lead submission. Prints figures, asserts nothing.
 * - the disposable-domain list: first lookup (builds the Sets from the package's JSON) and later lookups;
 * - lead submission through the lead service with the checks, p50/p99, as the agent's leads grow
 *   (each lead from its own visitor with its own website, so every lookup runs and most find nothing).
 * Run: npx tsx tests/bench/trust-checks-bench.ts [leadCount]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { createContainer } from '../../server/src/container';
import { loadConfig } from '../../server/src/config/config';
import { silentLogger } from '../../server/src/logging/logger';
import { ACTION_TEMPLATES } from '../../server/src/actions/templates';
import { actionDefinitionSchema } from '../../server/src/contract/action-definition';
import { disposableDomainOf } from '../../server/src/leads/trust/disposable-email';

const leadCount = Number(process.argv[2] ?? 20_000);
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const heapBefore = process.memoryUsage().heapUsed;
let start = process.hrtime.bigint();
disposableDomainOf('first@mailinator.com');
console.log(`disposable list: first lookup (builds the Sets) ${ms(start).toFixed(1)} ms, heap +${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB`);
start = process.hrtime.bigint();
for (let index = 0; index < 100_000; index += 1) disposableDomainOf(`user${index}@mail.sub${index % 7}.example.com`);
console.log(`disposable list: 100,000 lookups of a 4-label domain ${ms(start).toFixed(1)} ms`);

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bench-trust-'));
const db = openDatabase(path.join(directory, 'bench.sqlite'));
const container = createContainer({ db, config: loadConfig({ AA_DATA_DIR: directory }), secret: 'x'.repeat(40), logger: silentLogger });
const agent = container.agents.create({ name: 'Bench' });
const definition = actionDefinitionSchema.parse(ACTION_TEMPLATES['affiliate-application']);
const submit = (index: number) =>
  container.leads.submit({
    agentId: agent.id,
    actionId: null,
    actionKey: definition.key,
    actionVersion: 1,
    definition,
    values: { name: `Applicant ${index}`, email: `a${index}@example.com`, platform: 'blog', audience_size: 5000, traffic_source: 'seo', website: `https://site-${index}.example/`, consent: true },
    visitorId: `vis_${index}`,
  });

const checkpoints = [1_000, 5_000, leadCount].filter((value, index, all) => value <= leadCount && all.indexOf(value) === index);
let made = 0;
for (const checkpoint of checkpoints) {
  const fill = process.hrtime.bigint();
  while (made < checkpoint - 200) submit(made++);
  const fillMs = ms(fill);
  const times: number[] = [];
  while (made < checkpoint) {
    const one = process.hrtime.bigint();
    submit(made++);
    times.push(ms(one));
  }
  times.sort((a, b) => a - b);
  console.log(`${checkpoint} leads: submit with trust checks p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms (fill ${fillMs.toFixed(0)} ms)`);
}
db.close();
fs.rmSync(directory, { recursive: true, force: true });
