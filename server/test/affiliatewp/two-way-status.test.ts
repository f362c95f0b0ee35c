import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { signRequest } from '../../src/security/request-signing';
import { applicationWith, SECRET, startOutboxService, STANDARD_APPLICANT, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 16, two-way status: an affiliate approved or rejected in AffiliateWP's own screens moves
 * the lead that owns it (the plugin reports it through a signed call; over REST a reconciliation
 * reads it back), the activity log says who did it, and the welcome kit goes out exactly once
 * whichever side approved.
 */
const PLUGIN = { userId: 0, capabilities: ['aa_manage_agents'] };
const manager = { userId: 3, capabilities: ['aa_review_leads'] };
const partner = { ...STANDARD_APPLICANT, name: 'Pat Partner', email: 'partner@example.com' };

describe('a status changed in AffiliateWP, reported by the plugin (bridge transport)', () => {
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

  /** A lead whose own application created a pending affiliate in the (fake) AffiliateWP. */
  async function leadWithItsAffiliate(values = partner) {
    const { lead } = service.submit(applicationWith([]), values);
    await service.deliver();
    const affiliateId = service.container.outbox.ledger(lead.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp')?.result?.affiliateId as number;
    expect(typeof affiliateId).toBe('number');
    return { lead, affiliateId };
  }

  const report = (body: Record<string, unknown>, as = PLUGIN) => service.request('POST', '/v1/affiliatewp/status-changed', body, as);
  const welcomeMails = () => bridge.mails.filter((mail) => mail.subject.startsWith('Welcome'));

  it('refuses a call whose signature does not match, and one signed for a WordPress user instead of the plugin', async () => {
    const body = JSON.stringify({ affiliateId: 1, status: 'active' });
    const headers = { ...signRequest('another-secret-0123456789abcdef0123456789', { method: 'POST', pathWithQuery: '/v1/affiliatewp/status-changed', body, userId: 0, capabilities: ['aa_manage_agents'] }), 'content-type': 'application/json' };
    const forged = await fetch(`${service.url}/v1/affiliatewp/status-changed`, { method: 'POST', headers, body });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('signature_invalid');

    const asOwner = await report({ affiliateId: 1, status: 'active' }, { userId: 1, capabilities: ['aa_manage_agents', 'aa_review_leads'] });
    expect(asOwner.status).toBe(403);
    expect(asOwner.body.error.message).toMatch(/Only the WordPress plugin itself/);
  });

  it('answers a clear 404 for an affiliate no lead owns, and 400 naming the accepted statuses', async () => {
    const unknown = await report({ affiliateId: 4242, status: 'active', previousStatus: 'pending' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'affiliate_not_linked', details: { affiliateId: 4242 } });
    expect(unknown.body.error.message).toMatch(/No lead owns AffiliateWP affiliate #4242/);

    const bad = await report({ affiliateId: 1, status: 'approved' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/expected one of active, inactive, pending, rejected/);
  });

  it('approved in AffiliateWP: the lead is approved, the log names the user, one welcome email; the same report again sends none', async () => {
    const { lead, affiliateId } = await leadWithItsAffiliate();
    const change = { affiliateId, status: 'active', previousStatus: 'pending', actor: { userId: 5, displayName: 'Mia Manager' } };

    const first = await report(change);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ leadId: lead.id, leadStatus: 'approved', changed: true });
    await service.deliver();
    expect(welcomeMails()).toHaveLength(1);
    expect(welcomeMails()[0].to).toBe('partner@example.com');
    // Not set again in AffiliateWP: it was set there.
    expect(bridge.calls.filter((call) => call.operation === 'affiliatewp/set-status')).toEqual([]);

    const detail = service.container.leads.detail(lead.id);
    expect(detail.lead.status).toBe('approved');
    expect(detail.events.find((event) => event.type === 'status-changed')).toMatchObject({ actor: 5, data: { from: 'new', to: 'approved', via: 'affiliatewp', by: 'Mia Manager', affiliateId } });

    const again = await report({ ...change, previousStatus: 'pending' });
    expect(again.body).toMatchObject({ changed: false, reason: 'the lead is already approved' });
    await service.deliver();
    expect(welcomeMails()).toHaveLength(1);
  });

  it('ignores a no-op (AffiliateWP 2.6+ fires the hook even when the status stays the same)', async () => {
    const { lead, affiliateId } = await leadWithItsAffiliate();
    const noop = await report({ affiliateId, status: 'active', previousStatus: 'active', actor: { userId: 5, displayName: 'Mia Manager' } });
    expect(noop.body).toMatchObject({ changed: false, reason: 'the status stayed active', leadStatus: 'new' });
    expect(service.container.leads.get(lead.id).status).toBe('new');
    expect(service.container.outbox.ledger(lead.id).deliveries.filter((delivery) => delivery.trigger.startsWith('approval'))).toEqual([]);
  });

  it('moves only the lead that owns the affiliate: a later lead with the same email is never touched', async () => {
    const { lead: owner, affiliateId } = await leadWithItsAffiliate();
    const { lead: lookalike } = service.submit(applicationWith([]), partner);
    await service.deliver();
    expect(lookalike.duplicateOf).toBe(owner.id);

    await report({ affiliateId, status: 'active', previousStatus: 'pending', actor: { userId: 5, displayName: 'Mia Manager' } });
    await service.deliver();
    expect(service.container.leads.get(owner.id).status).toBe('approved');
    expect(service.container.leads.get(lookalike.id).status).toBe('new');
    expect(service.container.outbox.ledger(lookalike.id).deliveries.filter((delivery) => delivery.trigger.startsWith('approval'))).toEqual([]);
    expect(welcomeMails()).toHaveLength(1);
  });

  it('approved here first: AffiliateWP then reporting the same status sends no second welcome kit', async () => {
    const { lead, affiliateId } = await leadWithItsAffiliate();
    expect((await service.request('POST', `/v1/leads/${lead.id}/approve`, undefined, manager)).status).toBe(200);
    await service.deliver();
    expect(bridge.affiliates.find((affiliate) => affiliate.affiliate_id === affiliateId)?.status).toBe('active');
    expect(welcomeMails()).toHaveLength(1);

    // The plugin's hook saw our own bridge call activate the affiliate and reports it.
    const echoed = await report({ affiliateId, status: 'active', previousStatus: 'pending', actor: { userId: 3, displayName: 'Mia Manager' } });
    expect(echoed.body).toMatchObject({ changed: false });
    await service.deliver();
    expect(welcomeMails()).toHaveLength(1);
  });

  it('rejected or deactivated in AffiliateWP: the lead follows with no welcome; re-approvals there send the welcome kit only once', async () => {
    const { lead, affiliateId } = await leadWithItsAffiliate();
    const rejected = await report({ affiliateId, status: 'rejected', previousStatus: 'pending', actor: { userId: 5, displayName: 'Mia Manager' } });
    expect(rejected.body).toMatchObject({ leadStatus: 'rejected', changed: true });
    await service.deliver();
    expect(welcomeMails()).toEqual([]);
    const ledger = service.container.outbox.ledger(lead.id).deliveries.filter((delivery) => delivery.trigger.startsWith('approval'));
    // Rejected there: the applicant is told, as when the manager rejects in the app.
    expect(ledger.map((delivery) => [delivery.stepId, delivery.status, delivery.label])).toEqual([
      ['affiliatewp_status', 'succeeded', 'Set to rejected in AffiliateWP by Mia Manager'],
      ['rejection_email', 'succeeded', 'Tell the applicant (rejection email)'],
    ]);

    // Re-approved in AffiliateWP, then deactivated there: one welcome kit in all, and the lead ends rejected.
    await report({ affiliateId, status: 'active', previousStatus: 'rejected', actor: { userId: 5, displayName: 'Mia Manager' } });
    await service.deliver();
    await report({ affiliateId, status: 'inactive', previousStatus: 'active', actor: { userId: 5, displayName: 'Mia Manager' } });
    await report({ affiliateId, status: 'active', previousStatus: 'inactive', actor: { userId: 5, displayName: 'Mia Manager' } });
    await service.deliver();
    expect(welcomeMails()).toHaveLength(1);
    const welcomes = service.container.outbox.ledger(lead.id).deliveries.filter((delivery) => delivery.stepType === 'welcome_email');
    expect(welcomes.map((delivery) => delivery.status)).toEqual(['succeeded', 'skipped']);
    expect(welcomes[1].lastError).toMatch(/welcome email was sent already/);
  });
});

describe('a status changed in AffiliateWP, found by the REST reconciliation', () => {
  let service: OutboxService;
  let affiliateWp: FakeAffiliateWp;
  let bridge: WordPressBridgeFake;

  beforeEach(async () => {
    // AffiliateWP's REST API sits on an internal address; the public site is https://shop.example.
    service = await startOutboxService({ resolver: async (hostname) => (hostname === 'wp.internal' ? [{ address: '127.0.0.1', family: 4 }] : []) });
    affiliateWp = await startFakeAffiliateWp({ publicKey: 'pk_live', token: 'tok_live' });
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(service.clock.now() / 1000) });
    const internalPort = new URL(affiliateWp.url).port;
    await service.configure({
      wordpress: { siteUrl: bridge.url, homeUrl: 'https://shop.example' },
      affiliatewp: { transport: 'rest', createAccounts: true, siteUrl: `http://wp.internal:${internalPort}`, publicKey: 'pk_live', token: 'tok_live', referral: { variable: 'ref', format: 'id', pretty: false } },
      network: { allowHosts: ['127.0.0.1', `wp.internal:${internalPort}`] },
    });
  });
  afterEach(async () => {
    await service.close();
    await Promise.all([affiliateWp.close(), bridge.close()]);
  });

  it('reads only undecided leads\' affiliates, approves the one activated in AffiliateWP, and mails a link on the site\'s own address', async () => {
    const { lead } = service.submit(applicationWith([]), partner);
    const { lead: other } = service.submit(applicationWith([]), { ...STANDARD_APPLICANT, name: 'Sam Other', email: 'sam@example.com' });
    await service.deliver();
    expect(affiliateWp.affiliates).toHaveLength(2);
    const requestsBefore = affiliateWp.requests.length;

    // Nothing changed in AffiliateWP yet: two reads, nothing moves.
    expect(await service.container.affiliateReconciler.runOnce()).toEqual({ ran: true, checked: 2, changed: 0, failed: 0 });

    // The manager approves Pat in AffiliateWP's own screen (not through any API of ours).
    const pats = affiliateWp.affiliates.find((affiliate) => affiliate.payment_email === 'partner@example.com')!;
    affiliateWp.store.setStatus(pats, 'active');
    expect(affiliateWp.store.statusChanges.at(-1)).toEqual({ affiliateId: pats.affiliate_id, from: 'pending', to: 'active' });
    expect(await service.container.affiliateReconciler.runOnce()).toEqual({ ran: true, checked: 2, changed: 1, failed: 0 });
    await service.deliver();

    expect(service.container.leads.get(lead.id).status).toBe('approved');
    expect(service.container.leads.get(other.id).status).toBe('new');
    const welcome = bridge.mails.filter((mail) => mail.subject.startsWith('Welcome'));
    expect(welcome).toHaveLength(1);
    expect(welcome[0].html).toContain(`https://shop.example/?ref=${pats.affiliate_id}`);
    expect(welcome[0].html + welcome[0].text).not.toContain('wp.internal');
    expect(service.container.leads.detail(lead.id).events.find((event) => event.type === 'status-changed')).toMatchObject({ actor: null, data: { via: 'affiliatewp', by: 'AffiliateWP' } });

    // The approved lead is no longer read: the next pass reads one affiliate, and only with GETs.
    const beforeThird = affiliateWp.requests.length;
    expect(await service.container.affiliateReconciler.runOnce()).toEqual({ ran: true, checked: 1, changed: 0, failed: 0 });
    expect(affiliateWp.requests.slice(requestsBefore).every((request) => request.method === 'GET')).toBe(true);
    expect(affiliateWp.requests.length - beforeThird).toBe(1);
  });

  it('does not run with the bridge transport (the plugin reports changes itself)', async () => {
    await service.configure({ affiliatewp: { transport: 'bridge' } });
    expect(await service.container.affiliateReconciler.runOnce()).toMatchObject({ ran: false, reason: 'the AffiliateWP transport is not REST' });
  });
});
