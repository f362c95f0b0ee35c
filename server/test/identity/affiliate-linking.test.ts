import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
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
      affiliatewp: { transport: 'rest', siteUrl: affiliateWp.url, publicKey: 'pk_live', token: 'tok_live', referral: { variable: 'ref', format: 'id', pretty: false } },
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
