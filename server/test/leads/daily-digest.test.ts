import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createManualClock } from '../../src/core/clock';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { applicationWith, SECRET, startOutboxService, STANDARD_APPLICANT, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 16, the manager's daily digest: the real service on a real SQLite file, mail through the
 * WordPress bridge fake over HTTP, time on a manual clock. Restarts and a second process open the
 * same file, as a redeploy or two workers would.
 */
const DAY = 86_400_000;
const MANAGER = 'manager@example.com';

describe('daily digest to the manager', () => {
  let dataDirectory: string;
  let bridge: WordPressBridgeFake;
  const clock = createManualClock(Date.parse('2026-01-05T09:00:00Z'));
  const open: OutboxService[] = [];

  async function start(): Promise<OutboxService> {
    const service = await startOutboxService({ clock, dataDirectory });
    open.push(service);
    return service;
  }
  async function stop(service: OutboxService) {
    open.splice(open.indexOf(service), 1);
    await service.close();
  }
  const digestSends = () => bridge.calls.filter((call) => call.operation === 'mail/send' && String(call.body.idempotency_key).startsWith('manager-digest:'));
  const digestMails = () => bridge.mails.filter((mail) => (mail.idempotencyKey ?? '').startsWith('manager-digest:'));
  const applicant = (n: number, name = `Applicant ${n}`) => ({ ...STANDARD_APPLICANT, name, email: `applicant${n}@example.com` });

  beforeEach(async () => {
    clock.set(Date.parse('2026-01-05T09:00:00Z'));
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-digest-'));
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(clock.now() / 1000) });
  });
  afterEach(async () => {
    for (const service of [...open]) await stop(service);
    await bridge.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  async function configured(): Promise<OutboxService> {
    const service = await start();
    await service.configure({ wordpress: { siteUrl: bridge.url }, affiliatewp: { transport: 'bridge' }, notifications: { recipients: [MANAGER] }, network: { allowHosts: ['127.0.0.1'] } });
    expect((await service.request('PATCH', '/v1/settings/auto-approval', { enabled: true, minScore: 0, dailyCap: 1 })).status).toBe(200);
    return service;
  }

  it("lists yesterday's auto-approvals with links to their lead pages, the leads waiting for review and the counts", async () => {
    const service = await configured();
    const approved = service.submit(applicationWith([]), applicant(1)).lead;
    const capped = service.submit(applicationWith([]), applicant(2)).lead;
    const marked = service.submit(applicationWith([]), applicant(3, 'Eve <b>Bold</b>'), { emailVerification: null }).lead;
    expect([approved.status, capped.status, marked.status]).toEqual(['approved', 'new', 'new']);

    clock.set(Date.parse('2026-01-06T00:05:00Z'));
    expect(await service.container.dailyDigest.runOnce()).toEqual({ day: '2026-01-05', outcome: 'sent' });
    const [mail] = digestMails();
    expect(mail?.to).toBe(MANAGER);
    expect(mail?.subject).toBe('Affiliate Agent digest for 2026-01-05: 1 auto-approved, 2 waiting for review');
    const leadLink = (id: string) => `${bridge.url}/wp-admin/admin.php?page=affiliate-agent#/leads/${id}`;
    expect(mail?.text).toContain(`- Applicant 1 (score ${approved.score}) — score ${approved.score} ≥ 0; email verified (code); no trust flag; undo until 2026-01-06T09:00:00.000Z: ${leadLink(approved.id)}`);
    expect(mail?.text).toContain(`- Applicant 2 (score ${capped.score}, ${capped.route}): ${leadLink(capped.id)}`);
    expect(mail?.text).toContain('Counts: 1 auto-approved (0 undone since), 2 left for review by the policy, 2 waiting for review now.');
    // What a visitor typed stays text in the HTML part.
    expect(mail?.html).toContain('Eve &lt;b&gt;Bold&lt;/b&gt;');
    expect(mail?.html).not.toContain('<b>Bold</b>');
    expect(mail?.html).toContain(`href="${leadLink(approved.id)}"`);
    expect(service.container.dailyDigest.record('2026-01-05')).toMatchObject({ status: 'sent', attempts: 1, summary: { autoApproved: 1, undone: 0, skippedByPolicy: 2, waitingForReview: 2 } });
  });

  it('is sent once per day across a restart and with a second process on the same database', async () => {
    const first = await configured();
    first.submit(applicationWith([]), applicant(1));
    clock.set(Date.parse('2026-01-06T00:01:00Z'));
    expect((await first.container.dailyDigest.runOnce()).outcome).toBe('sent');
    expect((await first.container.dailyDigest.runOnce()).outcome).toBe('not-claimed');
    await stop(first);

    // A restart later the same day: the day is on record, so nothing goes out again.
    clock.advance(3_600_000);
    const restarted = await start();
    expect(await restarted.container.dailyDigest.runOnce()).toMatchObject({ day: '2026-01-05', outcome: 'not-claimed' });
    expect(digestSends()).toHaveLength(1);
    restarted.submit(applicationWith([]), applicant(2));

    // The next day, two processes on the same file check at the same moment: one of them sends.
    const second = await start();
    clock.advance(DAY);
    const outcomes = await Promise.all([restarted.container.dailyDigest.runOnce(), second.container.dailyDigest.runOnce()]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['not-claimed', 'sent']);
    expect(digestSends().map((call) => call.body.idempotency_key)).toEqual(['manager-digest:2026-01-05', 'manager-digest:2026-01-06']);
    expect(digestMails()).toHaveLength(2);
  });

  it('is skipped (and recorded so) when there is nothing to report, and when the owner turned it off', async () => {
    const service = await configured();
    clock.set(Date.parse('2026-01-06T00:05:00Z'));
    expect(await service.container.dailyDigest.runOnce()).toEqual({ day: '2026-01-05', outcome: 'skipped', reason: 'nothing to report: no auto-approvals and no lead waiting for review' });
    expect(service.container.dailyDigest.record('2026-01-05')).toMatchObject({ status: 'skipped' });

    service.submit(applicationWith([]), applicant(1));
    expect((await service.request('PATCH', '/v1/settings/auto-approval', { dailyDigest: false })).status).toBe(200);
    clock.advance(DAY);
    expect(await service.container.dailyDigest.runOnce()).toEqual({ day: '2026-01-06', outcome: 'skipped', reason: 'the daily digest is off in the auto-approval policy' });
    expect(digestSends()).toHaveLength(0);
  });

  it('tries again later when the site could not send the mail, and then sends it once', async () => {
    const service = await configured();
    service.submit(applicationWith([]), applicant(1));
    clock.set(Date.parse('2026-01-06T00:05:00Z'));
    bridge.setMailWorks(false);
    expect((await service.container.dailyDigest.runOnce()).outcome).toBe('retry');
    bridge.setMailWorks(true);
    expect((await service.container.dailyDigest.runOnce()).outcome).toBe('not-claimed');
    clock.advance(16 * 60_000);
    expect((await service.container.dailyDigest.runOnce()).outcome).toBe('sent');
    expect(digestMails()).toHaveLength(1);
    expect(service.container.dailyDigest.record('2026-01-05')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
