import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { applicationWith, SECRET, startOutboxService, STANDARD_APPLICANT, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 16, auto-approval by policy: the real service over HTTP on a real SQLite file, AffiliateWP
 * and mail through the WordPress bridge fake, time on the outbox's manual clock.
 */
const reviewer = { userId: 4, capabilities: ['aa_review_leads'] };
const HOUR = 3_600_000;

describe('auto-approval by policy', () => {
  let service: OutboxService;
  let bridge: WordPressBridgeFake;

  beforeEach(async () => {
    service = await startOutboxService();
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(service.clock.now() / 1000) });
    await service.configure({ wordpress: { siteUrl: bridge.url }, affiliatewp: { transport: 'bridge' }, network: { allowHosts: ['127.0.0.1'] } });
  });
  afterEach(async () => {
    await service.close();
    await bridge.close();
  });

  const setPolicy = (policy: Record<string, unknown>, as?: { userId: number; capabilities: string[] }) => service.request('PATCH', '/v1/settings/auto-approval', policy, as);
  const applicant = (n: number) => ({ ...STANDARD_APPLICANT, name: `Applicant ${n}`, email: `applicant${n}@example.com` });
  const eventsOf = (leadId: string) => service.container.leads.detail(leadId).events;
  /** Runs the due jobs, then once more past the first retry (an approval at creation waits for the lead's own application). */
  async function deliverSettled() {
    await service.deliver();
    service.clock.advance(31_000);
    await service.deliver();
  }
  const welcomeMails = () => bridge.mails.filter((mail) => mail.subject.startsWith('Welcome'));

  it('is off by default: a lead that would pass every rule stays new', async () => {
    const policy = await service.request('GET', '/v1/settings/auto-approval');
    expect(policy.body.policy).toMatchObject({ enabled: false, dailyCap: 10, undoWindowHours: 24 });
    const { lead } = service.submit(applicationWith([]), applicant(1));
    expect(lead.status).toBe('new');
    expect(eventsOf(lead.id).map((event) => event.type)).not.toContain('auto-approved');
  });

  it('approves within the daily cap through the manager path (welcome kit once); the cap+1-th lead stays new with the reason', async () => {
    expect((await setPolicy({ enabled: true, minScore: 0, dailyCap: 2 })).status).toBe(200);
    const results = [1, 2, 3].map((n) => service.submit(applicationWith([]), applicant(n)).lead);
    expect(results.map((lead) => lead.status)).toEqual(['approved', 'approved', 'new']);

    const approved = eventsOf(results[0]!.id).find((event) => event.type === 'auto-approved');
    expect(approved?.data).toMatchObject({ by: 'auto-approval', capSlot: 1, dailyCap: 2 });
    expect(String((approved?.data as { reason: string }).reason)).toMatch(/score \d+ ≥ 0; email verified \(code\); no trust flag/);
    const skipped = eventsOf(results[2]!.id).find((event) => event.type === 'auto-approval-skipped');
    expect((skipped?.data as { reason: string }).reason).toBe('daily cap reached: 2 of 2 auto-approvals today');

    await deliverSettled();
    expect(welcomeMails().map((mail) => mail.to).sort()).toEqual(['applicant1@example.com', 'applicant2@example.com']);
    const affiliate = bridge.store.byId(service.container.outbox.ledger(results[0]!.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp_status')?.result?.affiliateId as number);
    expect(affiliate?.status).toBe('active');

    // The next UTC day has a fresh cap.
    service.clock.advance(24 * HOUR);
    expect(service.submit(applicationWith([]), applicant(4)).lead.status).toBe('approved');
  });

  it('leaves a lead that fails a rule pending, saying which rule', async () => {
    await setPolicy({ enabled: true, minScore: 0, requireVerifiedEmail: true, allowedPlatforms: ['youtube'] });
    const { lead } = service.submit(applicationWith([]), applicant(1), { emailVerification: null });
    expect(lead.status).toBe('new');
    const skipped = eventsOf(lead.id).find((event) => event.type === 'auto-approval-skipped');
    expect((skipped?.data as { reason: string }).reason).toBe('rule not met: email not verified; platform blog not in youtube');
  });

  it('undoes within the window (status back, affiliate inactive, a note) and refuses after it, naming the window', async () => {
    await setPolicy({ enabled: true, minScore: 0, undoWindowHours: 2 });
    const first = service.submit(applicationWith([]), applicant(1)).lead;
    const second = service.submit(applicationWith([]), applicant(2)).lead;
    await deliverSettled();
    expect(welcomeMails()).toHaveLength(2);

    service.clock.advance(HOUR);
    const undone = await service.request('POST', `/v1/leads/${first.id}/undo-auto-approval`);
    expect(undone.status).toBe(200);
    expect(undone.body.lead.status).toBe('new');
    await deliverSettled();
    const deliveries = service.container.outbox.ledger(first.id).deliveries.filter((delivery) => delivery.stepId === 'affiliatewp_status');
    const affiliateId = deliveries[0]?.result?.affiliateId as number;
    expect(bridge.store.byId(affiliateId)?.status).toBe('inactive');
    expect(service.container.leads.detail(first.id).notes[0]?.body).toMatch(/Auto-approval undone/);
    // The plugin reports the inactive status back; the undone lead stays new (no rejection email).
    const echo = await service.request('POST', '/v1/affiliatewp/status-changed', { affiliateId, status: 'inactive', previousStatus: 'active' }, { userId: 0, capabilities: ['aa_manage_agents'] });
    expect(echo.body).toMatchObject({ leadStatus: 'new', changed: false });
    const again = await service.request('POST', `/v1/leads/${first.id}/undo-auto-approval`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_auto_approved');

    service.clock.advance(2 * HOUR);
    const late = await service.request('POST', `/v1/leads/${second.id}/undo-auto-approval`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('undo_window_passed');
    expect(late.body.error.message).toMatch(/within 2 hours/);
  });

  it('an undo before the approval jobs ran cancels the pending welcome email (and never activates the affiliate)', async () => {
    await setPolicy({ enabled: true, minScore: 0 });
    const { lead } = service.submit(applicationWith([]), applicant(1));
    expect(lead.status).toBe('approved');
    // Undone at once: no worker has run, so the approval group is still pending.
    const undone = await service.request('POST', `/v1/leads/${lead.id}/undo-auto-approval`);
    expect(undone.status).toBe(200);
    await deliverSettled();
    service.clock.advance(HOUR);
    await deliverSettled();

    expect(welcomeMails()).toHaveLength(0);
    const deliveries = service.container.outbox.ledger(lead.id).deliveries;
    const welcome = deliveries.find((delivery) => delivery.stepId === 'welcome_email');
    expect(welcome?.status).toBe('skipped');
    expect(JSON.stringify(welcome)).toContain('the auto-approval was undone before this step ran');
    const statusJobs = deliveries.filter((delivery) => delivery.stepId === 'affiliatewp_status');
    expect(statusJobs.map((job) => job.status)).toEqual(['skipped', 'succeeded']);
    const affiliateId = statusJobs[1]?.result?.affiliateId as number;
    expect(bridge.store.byId(affiliateId)?.status).toBe('inactive');
  });

  it("counts the day's cap from the partial index, not by scanning every lead event", () => {
    // The count runs in every new lead's transaction; the index is migration 013.
    const plan = service.container.db.prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) AS count FROM lead_events WHERE type = 'auto-approved' AND created_at >= ?").all('2026-01-01') as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX lead_events_auto_approved/);
  });

  it('names the field and what is accepted when the policy is invalid, and keeps a reviewer without the manager capability out', async () => {
    const bad = await setPolicy({ dailyCap: 0, allowedPlatforms: 'youtube', surprise: true });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(bad.body.error);
    expect(text).toContain('dailyCap');
    expect(text).toContain('expected a whole number from 1 to 1000');
    expect(text).toContain('allowedPlatforms');
    expect(text).toContain('expected a list of platform values');

    expect((await setPolicy({ enabled: true }, reviewer)).status).toBe(403);
    expect((await service.request('GET', '/v1/settings/auto-approval', undefined, reviewer)).status).toBe(403);
    await setPolicy({ enabled: true, minScore: 0 });
    const { lead } = service.submit(applicationWith([]), applicant(1));
    expect((await service.request('POST', `/v1/leads/${lead.id}/undo-auto-approval`, undefined, reviewer)).status).toBe(403);
  });
});
