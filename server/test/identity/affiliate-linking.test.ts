import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { readDeliverySettings } from '../../src/connectors/delivery-settings';
import { applicationWith, SECRET, startOutboxService, STANDARD_APPLICANT, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 12, attack 4: a lead that typed the email of an active affiliate must not be able to change
 * that affiliate. Approve/reject act only on an affiliate the lead's own application created (or a
 * manager linked); one merely matched by email is left alone, over REST and over the bridge.
 */
describe('approve and reject act only on an affiliate this lead created', () => {
  let service: OutboxService;
  let affiliateWp: FakeAffiliateWp;
  let bridge: WordPressBridgeFake;

  beforeEach(async () => {
    service = await startOutboxService();
    affiliateWp = await startFakeAffiliateWp({ publicKey: 'pk_live', token: 'tok_live' });
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(service.clock.now() / 1000) });
    await service.configure({
      wordpress: { siteUrl: bridge.url },
      affiliatewp: { transport: 'rest', createAccounts: true, siteUrl: affiliateWp.url, publicKey: 'pk_live', token: 'tok_live', referral: { variable: 'ref', format: 'id', pretty: false } },
      notifications: { recipients: ['manager@shop.example'] },
      network: { allowHosts: ['127.0.0.1'] },
    });
  });
  afterEach(async () => {
    await service.close();
    await Promise.all([affiliateWp.close(), bridge.close()]);
  });

  const manager = { userId: 3, capabilities: ['aa_review_leads'] };
  const partner = { ...STANDARD_APPLICANT, name: 'Pat Partner', email: 'partner@example.com' };

  it('rejecting a lead that typed an active affiliate\'s email leaves that affiliate active (REST)', async () => {
    const existing = affiliateWp.addAffiliate(affiliateWp.addUser('partner', 'partner@example.com').ID, { status: 'active', payment_email: 'partner@example.com' });
    // Even the email's proven owner (a code typed in the chat) gets only a match, never the power to reject it.
    const { lead } = service.submit(applicationWith([]), partner, { emailVerification: { method: 'code', verifiedAt: new Date().toISOString() } });
    await service.deliver();
    const application = service.container.outbox.ledger(lead.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp');
    expect(application?.result).toMatchObject({ affiliateId: existing.affiliate_id, created: false });

    expect((await service.request('POST', `/v1/leads/${lead.id}/reject`, undefined, manager)).status).toBe(200);
    await service.deliver();
    expect(affiliateWp.affiliates.find((affiliate) => affiliate.affiliate_id === existing.affiliate_id)?.status).toBe('active');
    expect(affiliateWp.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    const rejection = service.container.outbox.ledger(lead.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp_status');
    expect(rejection).toMatchObject({ status: 'succeeded', result: { affiliateId: null } });
  });

  it('approving such a lead does not activate or mail the existing affiliate; the ledger tells the manager to link by hand', async () => {
    const existing = affiliateWp.addAffiliate(affiliateWp.addUser('partner', 'partner@example.com').ID, { status: 'inactive', payment_email: 'partner@example.com' });
    const { lead } = service.submit(applicationWith([]), partner);
    await service.deliver();
    await service.request('POST', `/v1/leads/${lead.id}/approve`, undefined, manager);
    await service.deliver();
    expect(affiliateWp.affiliates.find((affiliate) => affiliate.affiliate_id === existing.affiliate_id)?.status).toBe('inactive');
    const approval = service.container.outbox.ledger(lead.id).deliveries.filter((delivery) => delivery.trigger.startsWith('approval'));
    expect(approval.map((delivery) => [delivery.stepId, delivery.status])).toEqual([
      ['affiliatewp_status', 'failed'],
      ['referral_url', 'skipped'],
      ['welcome_email', 'skipped'],
    ]);
    expect(approval[0].lastError).toMatch(/existed before this lead; it was left alone/);
    expect(bridge.mails.filter((mail) => mail.subject.startsWith('Welcome'))).toEqual([]);
  });

  it('over REST, no WordPress account is made from the chat unless the owner allows it; the lead is flagged instead', async () => {
    // Attack 3 over REST: the service cannot see the site's "Anyone can register", so the default is off.
    await service.configure({ affiliatewp: { transport: 'rest', siteUrl: affiliateWp.url, publicKey: 'pk_live', token: 'tok_live', createAccounts: false, referral: { variable: 'ref', format: 'id', pretty: false } } });
    expect(readDeliverySettings(service.container.settings).affiliatewp.createAccounts).toBe(false);
    const usersBefore = affiliateWp.users.length;
    const { lead } = service.submit(applicationWith([]), { ...partner, email: 'stranger@example.com' });
    await service.deliver();
    const application = service.container.outbox.ledger(lead.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp');
    expect(application).toMatchObject({ status: 'failed', replayable: true });
    expect(application?.lastError).toMatch(/^No affiliate was created: making WordPress accounts from the chat is off for the AffiliateWP REST transport/);
    expect(affiliateWp.users).toHaveLength(usersBefore);
    expect(affiliateWp.requests.filter((request) => request.method === 'POST')).toEqual([]);
    const detail = (await service.request('GET', `/v1/leads/${lead.id}`, undefined, manager)).body;
    expect(detail.lead.managerRequest).toBe('link-affiliate-by-hand');
    expect(detail.events.find((event: { type: string }) => event.type === 'affiliate-link-needed')?.data).toEqual({ reason: 'no-account-creation' });

    // Switched on, the same application creates its account and pending affiliate.
    await service.configure({ affiliatewp: { transport: 'rest', siteUrl: affiliateWp.url, publicKey: 'pk_live', token: 'tok_live', createAccounts: true, referral: { variable: 'ref', format: 'id', pretty: false } } });
    const allowed = service.submit(applicationWith([]), { ...partner, email: 'welcome@example.com' });
    await service.deliver();
    expect(service.container.outbox.ledger(allowed.lead.id).deliveries.find((delivery) => delivery.stepId === 'affiliatewp')).toMatchObject({ status: 'succeeded', result: { created: true } });
    expect(affiliateWp.users).toHaveLength(usersBefore + 1);
  });

  it('the affiliate a lead created is the one its approval activates (bridge)', async () => {
    await service.configure({ affiliatewp: { transport: 'bridge' } });
    const { lead } = service.submit(applicationWith([]), partner);
    await service.deliver();
    await service.request('POST', `/v1/leads/${lead.id}/approve`, undefined, manager);
    await service.deliver();
    expect(bridge.affiliates).toHaveLength(1);
    expect(bridge.affiliates[0].status).toBe('active');
  });
});
