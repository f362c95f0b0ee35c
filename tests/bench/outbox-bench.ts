/**
 * Outbox benchmark (`npx tsx tests/bench/outbox-bench.ts`): the real container on a temporary
 * SQLite file, delivering signed webhooks to a local receiver on 127.0.0.1.
 *  1. throughput: N leads captured with the worker stopped, then the time to drain their jobs;
 *  2. latency: leads captured one by one while the worker runs; time from the capture's commit
 *     to the first webhook arriving at the receiver, p50 and p99;
 *  3. with retries: the receiver answers 503 to every BENCH_FAIL_EVERY-th request (default 10); the
 *     failed jobs are retried after the backoff (set here to its 1 s floor, jitter at its 0.5 low
 *     end, so about 500 ms). Throughput to the last delivery, the attempts it took, and the time from
 *     capture to the successful delivery, p50/p99, for first-try and retried jobs apart.
 * Run: npm run bench:outbox. Env: BENCH_JOBS (default 2000), BENCH_LATENCY_LEADS (default 300),
 * BENCH_CONCURRENCY (default 8), BENCH_FAIL_EVERY (default 10).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config/config';
import { createContainer } from '../../server/src/container';
import { openDatabase } from '../../server/src/db/database';
import { silentLogger } from '../../server/src/logging/logger';
import { actionDefinitionSchema } from '../../server/src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../server/src/actions/templates';
import { DELIVERY_SETTINGS_KEY } from '../../server/src/connectors/delivery-settings';
import { startWebhookReceiver } from '../fakes/webhook-receiver';

const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const LATENCY_LEADS = Number(process.env.BENCH_LATENCY_LEADS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const FAIL_EVERY = Number(process.env.BENCH_FAIL_EVERY ?? 10);
const SECRET = 'bench-shared-secret-0123456789abcdef0123456';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function main() {
  const receiver = await startWebhookReceiver();
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bench-'));
  const db = openDatabase(path.join(dataDirectory, 'affiliate-agent.sqlite'));
  const container = createContainer({
    db,
    config: loadConfig({ AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: SECRET, AA_LOG_LEVEL: 'silent' }),
    secret: SECRET,
    logger: silentLogger,
    // random 0: the jitter at its low end, so a retry waits half the 1 s floor set below.
    outboxOptions: { concurrency: CONCURRENCY, pollIntervalMs: 100, random: () => 0 },
  });
  container.settings.set(DELIVERY_SETTINGS_KEY, { network: { allowHosts: ['127.0.0.1'] } });
  const agentId = container.agents.create({ name: 'Bench agent' }).id;
  const definition = actionDefinitionSchema.parse({ ...ACTION_TEMPLATES['affiliate-application'], steps: [{ id: 'crm', type: 'webhook', config: { url: `${receiver.url}/crm` } }] });
  let sequence = 0;
  const capture = () =>
    container.leads.submit({
      agentId,
      actionId: null,
      actionKey: definition.key,
      actionVersion: 1,
      definition,
      values: { name: 'Bench Visitor', email: `bench${sequence++}@example.com`, platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true },
    }).lead;

  // 1. Throughput.
  const captureStarted = performance.now();
  for (let index = 0; index < JOBS; index += 1) capture();
  const captureSeconds = (performance.now() - captureStarted) / 1000;
  const started = performance.now();
  // CPU time of this process (worker and receiver) per job: steadier than jobs/s on a shared machine.
  const cpuBefore = process.cpuUsage();
  container.outbox.start();
  while (receiver.unique.size < JOBS) await sleep(5);
  const drainSeconds = (performance.now() - started) / 1000;
  const drainCpu = process.cpuUsage(cpuBefore);
  const cpuMsPerJob = (drainCpu.user + drainCpu.system) / 1000 / JOBS;
  await container.outbox.stop();

  // 2. Capture-to-first-delivery latency, one lead at a time with the worker running.
  const before = receiver.unique.size;
  container.outbox.start();
  const capturedAt = new Map<string, number>();
  for (let index = 0; index < LATENCY_LEADS; index += 1) {
    const lead = capture();
    capturedAt.set(lead.id, Date.now());
    await sleep(10);
  }
  while (receiver.unique.size < before + LATENCY_LEADS) await sleep(5);
  const latencies: number[] = [];
  for (const hook of receiver.unique.values()) {
    const at = capturedAt.get(hook.payload?.data?.lead?.id);
    if (at !== undefined) latencies.push(hook.receivedAt - at);
  }
  await container.outbox.stop();

  // 3. With retries: every FAIL_EVERY-th answer is a 503, retried after the (shortened) backoff.
  container.settings.set(DELIVERY_SETTINGS_KEY, { network: { allowHosts: ['127.0.0.1'] }, retry: { maxAttempts: 12, baseDelaySeconds: 1, maxDelaySeconds: 1 } });
  const uniqueBefore = receiver.unique.size;
  const attemptsBefore = receiver.all.length;
  receiver.script(...Array.from({ length: JOBS * 2 }, (_, index) => ((index + 1) % FAIL_EVERY === 0 ? 503 : 200)));
  const retryLeads = new Set<string>();
  for (let index = 0; index < JOBS; index += 1) retryLeads.add(capture().id);
  const retryStarted = performance.now();
  container.outbox.start();
  while (receiver.unique.size < uniqueBefore + JOBS) await sleep(5);
  const retrySeconds = (performance.now() - retryStarted) / 1000;
  const attempts = receiver.all.length - attemptsBefore;
  const startedAt = Date.now() - Math.round(retrySeconds * 1000);
  const firstTry: number[] = [];
  const retried: number[] = [];
  const attemptsByLead = new Map<string, number>();
  for (const hook of receiver.all.slice(attemptsBefore)) {
    const leadId = hook.payload?.data?.lead?.id;
    attemptsByLead.set(leadId, (attemptsByLead.get(leadId) ?? 0) + 1);
  }
  for (const hook of [...receiver.unique.values()].slice(uniqueBefore)) {
    const leadId = hook.payload?.data?.lead?.id;
    if (!retryLeads.has(leadId)) continue;
    // From the worker's start: the jobs were all waiting for it.
    (attemptsByLead.get(leadId)! > 1 ? retried : firstTry).push(hook.receivedAt - startedAt);
  }
  await container.close();
  await receiver.close();
  fs.rmSync(dataDirectory, { recursive: true, force: true });

  const lines = [
    `outbox benchmark (concurrency ${CONCURRENCY}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`,
    `  capture: ${JOBS} leads with their jobs committed in ${captureSeconds.toFixed(2)} s (${Math.round(JOBS / captureSeconds)} leads/s)`,
    `  throughput: ${JOBS} signed webhooks delivered in ${drainSeconds.toFixed(2)} s = ${Math.round(JOBS / drainSeconds)} jobs/s (${cpuMsPerJob.toFixed(2)} ms CPU per job, worker and receiver)`,
    `  capture-to-first-delivery over ${latencies.length} leads: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${Math.max(...latencies)} ms`,
    `  with retries (every ${FAIL_EVERY}th answer a 503, ~500 ms backoff): ${JOBS} delivered in ${retrySeconds.toFixed(2)} s = ${Math.round(JOBS / retrySeconds)} jobs/s, ${attempts} attempts (${attempts - JOBS} retries)`,
    `    worker start to delivery: first try (${firstTry.length}) p50 ${percentile(firstTry, 50)} ms, p99 ${percentile(firstTry, 99)} ms; retried (${retried.length}) p50 ${percentile(retried, 50)} ms, p99 ${percentile(retried, 99)} ms`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
