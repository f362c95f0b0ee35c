import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startFakeAffiliateWp, type FakeAffiliateWp } from '../fakes/affiliatewp-fake-server';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../fakes/wordpress-bridge-fake';
import { CRASH_SECRET, CRASH_WEBHOOK_SECRET, CRASH_WEBHOOK_STEPS } from './crash-constants';

/**
 * Kills the service with SIGKILL again and again while visitors' leads are being captured and
 * their steps delivered, then lets a last run finish. Afterwards every acknowledged lead exists,
 * every step of every stored lead succeeded, the deduplicating receiver holds each webhook exactly
 * once, AffiliateWP holds exactly one affiliate per lead, and the manager got exactly one email per
 * lead from a fake bridge that keeps the plugin's mail idempotency contract (sent keys remembered).
 * `npm run test:crash` runs 200 kills (issue 12); the default is 8 so a plain run stays short.
 */
const KILLS = Number(process.env.AA_CRASH_KILLS ?? 8);
// Leads each visitor sends per run; capped in the long run so 200 restarts stay a few thousand leads.
const CAPTURES_PER_SENDER = Number(process.env.AA_CRASH_CAPTURES ?? Infinity);
const ROOT = path.resolve(__dirname, '../..');
const children = new Set<ChildProcess>();

// Each restart costs about two seconds, so the budget grows with the number of kills.
jest.setTimeout(Math.max(420_000, KILLS * 4_000 + 240_000));

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

function startChild(environment: Record<string, string>): Promise<Running> {
  // Node itself with tsx as a loader (not the tsx launcher, which would survive as a parent while
  // the real process is orphaned): SIGKILL must hit the process that holds the database.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts')], { cwd: ROOT, env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    children.delete(child);
    resolve();
  }));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`child did not start: ${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), exited });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/READY/.test(output)) reject(new Error(`child exited with ${code}: ${output}`));
    });
  });
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('crash safety of the outbox', () => {
  let dataDirectory: string;
  let receiver: WebhookReceiver;
  let affiliateWp: FakeAffiliateWp;
  let bridge: WordPressBridgeFake;

  beforeAll(async () => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-crash-'));
    // A little latency so kills land in the middle of deliveries, not only between them.
    receiver = await startWebhookReceiver({ secret: () => CRASH_WEBHOOK_SECRET, latencyMs: () => Math.floor(Math.random() * 40) });
    affiliateWp = await startFakeAffiliateWp({ publicKey: 'pk_crash', token: 'tok_crash' });
    // Mail is "sent" before the answer, and the answer is late: kills land between the two.
    bridge = await startWordPressBridgeFake({ secret: CRASH_SECRET, mailAnswerDelayMs: () => Math.floor(Math.random() * 60) });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await receiver.close();
    await affiliateWp.close();
    await bridge.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it(`loses no acknowledged lead and delivers every step exactly once across ${KILLS} SIGKILLs`, async () => {
    const environment = { AA_CRASH_DATA_DIR: dataDirectory, AA_CRASH_RECEIVER_URL: receiver.url, AA_CRASH_AFFILIATEWP_URL: affiliateWp.url, AA_CRASH_BRIDGE_URL: bridge.url };
    const acknowledged = new Map<string, string>(); // leadId → email
    let sequence = 0;
    let killsDuringDelivery = 0;

    for (let kill = 0; kill < KILLS; kill += 1) {
      const running = await startChild(environment);
      let stop = false;
      const capture = async () => {
        for (let sent = 0; !stop && sent < CAPTURES_PER_SENDER; sent += 1) {
          const email = `visitor${sequence++}@example.com`;
          try {
            const response = await fetch(`http://127.0.0.1:${running.port}/capture`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email, name: `Visitor ${sequence}` }),
            });
            if (response.status === 201) acknowledged.set(((await response.json()) as { leadId: string }).leadId, email);
          } catch {
            return; // the process is gone; whatever was not acknowledged may or may not exist
          }
        }
      };
      const senders = [capture(), capture(), capture()];
      await sleep(400 + Math.floor(Math.random() * 800));
      const progress = (await fetch(`http://127.0.0.1:${running.port}/progress`).then((response) => response.json()).catch(() => null)) as { running?: number } | null;
      if (progress?.running) killsDuringDelivery += 1;
      running.child.kill('SIGKILL');
      stop = true;
      await running.exited;
      await Promise.all(senders);
    }

    // A last run without kills: leases held by dead processes expire and everything drains.
    const final = await startChild(environment);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const counts = (await fetch(`http://127.0.0.1:${final.port}/progress`).then((response) => response.json())) as Record<string, number>;
      if (counts.pending === 0 && counts.running === 0) break;
      if (Date.now() > deadline) throw new Error(`outbox did not drain: ${JSON.stringify(counts)}`);
      await sleep(200);
    }
    final.child.kill('SIGTERM');
    await final.exited;

    const db = new BetterSqlite3(path.join(dataDirectory, 'affiliate-agent.sqlite'), { readonly: true });
    const leads = db.prepare('SELECT id, email FROM leads').all() as Array<{ id: string; email: string }>;
    const jobs = db.prepare('SELECT id, lead_id, step_id, step_type, status FROM outbox_jobs').all() as Array<{ id: string; lead_id: string; step_id: string; step_type: string; status: string }>;
    db.close();

    const stored = new Set(leads.map((lead) => lead.id));
    const lost = [...acknowledged.keys()].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    // Every stored lead has all five steps, and every one of them succeeded.
    expect(jobs).toHaveLength(leads.length * 5);
    expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);

    // The receiver deduplicates by webhook-id: each webhook job is there once, nothing else is.
    const webhookJobs = jobs.filter((job) => job.step_type === 'webhook');
    expect(new Set(receiver.unique.keys())).toEqual(new Set(webhookJobs.map((job) => job.id)));
    const perLeadAndStep = new Map<string, number>();
    for (const hook of receiver.unique.values()) {
      const key = `${hook.payload.data.lead.id}:${hook.path}`;
      perLeadAndStep.set(key, (perLeadAndStep.get(key) ?? 0) + 1);
      expect(hook.validSignature).toBe(true);
    }
    expect(perLeadAndStep.size).toBe(leads.length * CRASH_WEBHOOK_STEPS.length);
    expect([...perLeadAndStep.values()].every((count) => count === 1)).toBe(true);

    // AffiliateWP: one pending affiliate per lead, none created twice.
    const affiliateEmails = affiliateWp.affiliates.map((affiliate) => affiliate.payment_email);
    expect(new Set(affiliateEmails).size).toBe(affiliateEmails.length);
    expect(new Set(affiliateEmails)).toEqual(new Set(leads.map((lead) => lead.email)));

    // Manager emails: one per lead. A repeat of a sent key is answered "already sent" by the bridge.
    const mailCalls = bridge.calls.filter((call) => call.operation === 'mail/send' && call.status === 200).length;
    const perKey = new Map<string, number>();
    for (const mail of bridge.mails) perKey.set(String(mail.idempotencyKey), (perKey.get(String(mail.idempotencyKey)) ?? 0) + 1);
    const duplicateEmails = [...perKey.values()].reduce((sum, count) => sum + count - 1, 0);
    const notifyJobs = jobs.filter((job) => job.step_type === 'notify_manager');
    expect(duplicateEmails).toBe(0);
    expect(bridge.mails).toHaveLength(notifyJobs.length);
    expect(new Set(bridge.mails.map((mail) => mail.idempotencyKey))).toEqual(new Set(notifyJobs.map((job) => `${job.lead_id}:notify:lead-created`)));
    const interrupted = (() => {
      const ledger = new BetterSqlite3(path.join(dataDirectory, 'affiliate-agent.sqlite'), { readonly: true });
      const count = (ledger.prepare("SELECT COUNT(*) AS n FROM outbox_attempts WHERE outcome = 'interrupted'").get() as { n: number }).n;
      ledger.close();
      return count;
    })();

    console.log(
      `crash test: manager emails ${bridge.mails.length} for ${notifyJobs.length} leads, ${duplicateEmails} duplicates ` +
        `(${mailCalls} mail/send calls answered, ${mailCalls - bridge.mails.length} repeats answered "already sent"); ${interrupted} crash-cut attempts recorded in the ledger.`,
    );
    console.log(
      `crash test: ${KILLS} SIGKILLs (${killsDuringDelivery} with deliveries in flight), ${acknowledged.size} acknowledged leads survived ` +
        `(${leads.length} stored in all), ${webhookJobs.length} webhooks delivered exactly once to the deduplicating receiver ` +
        `(${receiver.all.length} POSTs received, ${receiver.duplicates} re-deliveries absorbed by webhook-id), ${affiliateEmails.length} affiliates, no duplicates.`,
    );
  });
});
