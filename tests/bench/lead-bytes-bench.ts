/**
 * Bytes per lead (`npm run bench:lead-bytes`): how much the SQLite file grows per 1,000 leads with
 * their conversations and events, right after capture and delivery, and after retention has run.
 *
 * The real container on a temporary file. Each lead comes from a real visitor conversation on the
 * offline engine (the greeting plus BENCH_TURNS questions, answers stored with their events), is
 * submitted with a webhook step that the worker delivers to a local receiver on 127.0.0.1 (so its
 * job, attempt and response are stored), and gets a manager note. Then retention runs as if
 * `BENCH_AGE_DAYS` (default 400) had passed: delivered jobs and lead events are compacted, free
 * pages go back to the file system (incremental vacuum). Then as many leads again are written: their
 * growth shows how much of the room freed inside pages is reused. Sizes are taken after a WAL checkpoint.
 * Env: BENCH_LEADS (default 2000), BENCH_TURNS (default 3), BENCH_AGE_DAYS (default 400).
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
import { DEFAULT_RETENTION, createRetention } from '../../server/src/operations/retention';
import { startWebhookReceiver } from '../fakes/webhook-receiver';

const LEADS = Number(process.env.BENCH_LEADS ?? 2000);
const TURNS = Number(process.env.BENCH_TURNS ?? 3);
const AGE_DAYS = Number(process.env.BENCH_AGE_DAYS ?? 400);
const SECRET = 'bench-shared-secret-0123456789abcdef0123456';
const QUESTIONS = ['How much commission do you pay?', 'When are payouts sent, and by PayPal?', 'Can I promote you on YouTube and in my newsletter?', 'How long does the cookie last?'];
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function main() {
  const receiver = await startWebhookReceiver();
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bench-bytes-'));
  const file = path.join(dataDirectory, 'affiliate-agent.sqlite');
  const db = openDatabase(file);
  const container = createContainer({
    db,
    config: loadConfig({ AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: SECRET, AA_LOG_LEVEL: 'silent' }),
    secret: SECRET,
    logger: silentLogger,
    outboxOptions: { concurrency: 8, pollIntervalMs: 50 },
  });
  container.settings.set(DELIVERY_SETTINGS_KEY, { network: { allowHosts: ['127.0.0.1'] } });
  const agentId = container.agents.create({ name: 'Bench agent' }).id;
  const definition = actionDefinitionSchema.parse({ ...ACTION_TEMPLATES['affiliate-application'], steps: [{ id: 'crm', type: 'webhook', config: { url: `${receiver.url}/crm` } }] });

  const bytesOnDisk = () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return fs.statSync(file).size;
  };
  // Bytes per table and index (SQLite's dbstat), to show where a lead's bytes live.
  const byTable = () => new Map((db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>).map((row) => [row.name, row.bytes]));
  const rowCount = (table: string) => (db.prepare(`SELECT COUNT(*) AS count FROM ${table}`).get() as { count: number }).count;

  const empty = bytesOnDisk();
  const emptyTables = byTable();
  /** `count` leads from `from` on, each from a real conversation, their webhooks delivered. */
  const addLeads = async (from: number, count: number) => {
    const deliveredBefore = receiver.unique.size;
    container.outbox.start();
    for (let index = from; index < from + count; index += 1) {
      const { conversation } = container.conversations.start({ agentId, mode: 'visitor', visitorId: `vis_${index}`, source: { url: 'https://shop.example/affiliates', referrer: 'https://www.google.com/' } });
      for (let turn = 0; turn < TURNS; turn += 1) {
        await container.conversations.sendMessage({ conversationId: conversation.id, content: QUESTIONS[(index + turn) % QUESTIONS.length], emit: () => undefined });
      }
      const { lead } = container.leads.submit({
        agentId,
        actionId: null,
        actionKey: definition.key,
        actionVersion: 1,
        definition,
        conversationId: conversation.id,
        values: { name: `Bench Visitor ${index}`, email: `bench${index}@example.com`, platform: 'youtube', audience_size: 1000 + index, traffic_source: 'organic_social', consent: true },
      });
      container.leads.addNote(lead.id, { body: 'Looks like a good fit; check the channel before approving.' }, 1);
    }
    while (receiver.unique.size < deliveredBefore + count) await sleep(20);
    await container.outbox.stop();
  };

  const started = performance.now();
  await addLeads(0, LEADS);
  const captureSeconds = (performance.now() - started) / 1000;
  const captured = bytesOnDisk();
  const capturedTables = byTable();
  const rows = { messages: rowCount('conversation_messages'), leadEvents: rowCount('lead_events'), jobs: rowCount('outbox_jobs'), attempts: rowCount('outbox_attempts') };

  const retention = createRetention({ repository: container.operations.repository, settings: () => DEFAULT_RETENTION, logger: silentLogger, now: () => Date.now() + AGE_DAYS * 86_400_000 });
  const first = retention.runOnce();
  let pagesFreed = first.pagesFreed;
  for (let more = retention.runOnce().pagesFreed; more > 0; more = retention.runOnce().pagesFreed) pagesFreed += more;
  const compacted = bytesOnDisk();
  const compactedTables = byTable();
  // Does the next batch reuse the room compaction freed inside pages? Its growth answers.
  await addLeads(LEADS, LEADS);
  const nextBatch = bytesOnDisk();
  const growth = (tables: Map<string, number>, name: string) => (tables.get(name) ?? 0) - (emptyTables.get(name) ?? 0);
  const biggest = [...capturedTables.keys()].sort((a, b) => growth(capturedTables, b) - growth(capturedTables, a)).slice(0, 8);

  await container.close();
  await receiver.close();
  fs.rmSync(dataDirectory, { recursive: true, force: true });

  const perThousand = (bytes: number) => `${((bytes / LEADS) * 1000 / 1024 / 1024).toFixed(2)} MiB per 1,000 leads (${Math.round(bytes / LEADS)} bytes a lead)`;
  const lines = [
    `bytes-per-lead benchmark: ${LEADS} leads, each from a conversation of ${TURNS} visitor turns (offline engine), one delivered webhook, one note; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
    `  rows: ${rows.messages} messages, ${rows.leadEvents} lead events, ${rows.jobs} outbox jobs, ${rows.attempts} attempts; built in ${captureSeconds.toFixed(1)} s`,
    `  after capture and delivery: ${perThousand(captured - empty)}`,
    `  after retention as of +${AGE_DAYS} days (${first.jobsCompacted} jobs, ${first.leadEventsCompacted} lead events compacted, ${pagesFreed} pages vacuumed): ${perThousand(compacted - empty)}`,
    `  file size saved by retention: ${(((captured - compacted) / (captured - empty)) * 100).toFixed(1)} %`,
    `  the next ${LEADS} leads, written after retention: ${perThousand(nextBatch - compacted)}`,
    '  where the bytes are (bytes a lead, after capture -> after retention):',
    ...biggest.map((name) => `    ${name.padEnd(36)} ${String(Math.round(growth(capturedTables, name) / LEADS)).padStart(6)} -> ${String(Math.round(growth(compactedTables, name) / LEADS)).padStart(6)}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
