import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { applicationWith, SECRET, startOutboxService, STANDARD_APPLICANT, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 12: when the chat may not link an applicant to an existing account or affiliate, the lead is
 * flagged and a manager links it by hand: looks the affiliate id up (who it is), links it, and from
 * then on approve/reject act on that affiliate. Real service over HTTP, real SQLite, the bridge and
 * AffiliateWP REST fakes sharing one site model.
 */
describe('a manager links a lead to an existing affiliate by hand', () => {
  let service: OutboxService;
  let affiliateWp: FakeAffiliateWp;
  let bridge: WordPressBridgeFake;

  beforeEach(async () => {
    service = await startOutboxService();
    affiliateWp = await startFakeAffiliateWp({ publicKey: 'pk_live', token: 'tok_live' });
    bridge = await startWordPressBridgeFake({ secret: SECRET, now: () => Math.floor(service.clock.now() / 1000) });
    await service.configure({
      wordpress: { siteUrl: bridge.url },
      affiliatewp: { transport: 'bridge' },
      notifications: { recipients: ['manager@shop.example'] },
      network: { allowHosts: ['127.0.0.1'] },
    });
  });
  afterEach(async () => {
    await service.close();
    await Promise.all([affiliateWp.close(), bridge.close()]);
  });

  const manager = { userId: 3, capabilities: ['aa_review_leads'] };
  const editorEmail = { ...STANDARD_APPLICANT, name: 'Eve Editor', email: 'editor@example.com' };

  it("an editor's email: no affiliate is created, the lead is flagged; the manager looks up and links the affiliate, and approval activates it", async () => {
    const editor = bridge.addUser('editor', 'editor@example.com', 'Eve Editor');
    editor.roles = ['editor'];
    const { lead } = service.submit(applicationWith([]), editorEmail);
    await service.deliver();

    expect(bridge.affiliates).toHaveLength(0);
    const flagged = (await service.request('GET', `/v1/leads/${lead.id}`, undefined, manager)).body;
    expect(flagged.lead.managerRequest).toBe('link-affiliate-by-hand');
    expect(flagged.events.find((event: any) => event.type === 'affiliate-link-needed')).toMatchObject({ actor: null, data: { reason: 'existing-account' } });

    // The manager makes the affiliate in AffiliateWP, then links it here.
    const byHand = bridge.addAffiliate(editor.ID, { status: 'pending', payment_email: 'editor@example.com' });
    const lookup = await service.request('GET', `/v1/leads/${lead.id}/affiliate-candidate?affiliateId=${byHand.affiliate_id}`, undefined, manager);
    expect(lookup.status).toBe(200);
    expect(lookup.body.candidate).toEqual({
      affiliateId: byHand.affiliate_id,
      status: 'pending',
      paymentEmail: 'editor@example.com',
      user: { login: 'editor', email: 'editor@example.com', displayName: 'Eve Editor' },
      emailMatchesLead: true,
      linkedToLeads: [],
    });

    const linked = await service.request('POST', `/v1/leads/${lead.id}/link-affiliate`, { affiliateId: byHand.affiliate_id }, manager);
    expect(linked.status).toBe(200);
    expect(linked.body.lead).toMatchObject({ affiliateId: byHand.affiliate_id, affiliateLink: 'manager-linked', managerRequest: null });
    const events = (await service.request('GET', `/v1/leads/${lead.id}`, undefined, manager)).body.events;
    expect(events.find((event: any) => event.type === 'affiliate-linked')).toMatchObject({ actor: 3, data: { affiliateId: byHand.affiliate_id, previous: null, accountLogin: 'editor' } });

    await service.request('POST', `/v1/leads/${lead.id}/approve`, undefined, manager);
    await service.deliver();
    expect(bridge.affiliates.find((affiliate) => affiliate.affiliate_id === byHand.affiliate_id)?.status).toBe('active');
    expect(bridge.affiliates).toHaveLength(1);
  });

  it('an existing affiliate matched by email (REST) flags the lead; linking it makes reject act on it; one affiliate links to one lead only', async () => {
    await service.configure({
      affiliatewp: { transport: 'rest', createAccounts: true, siteUrl: affiliateWp.url, publicKey: 'pk_live', token: 'tok_live', referral: { variable: 'ref', format: 'id', pretty: false } },
    });
    const partner = affiliateWp.addAffiliate(affiliateWp.addUser('pat', 'pat@example.com').ID, { status: 'pending', payment_email: 'pat@example.com' });
    const { lead } = service.submit(applicationWith([]), { ...STANDARD_APPLICANT, name: 'Pat', email: 'pat@example.com' });
    await service.deliver();
    const flagged = service.container.leads.get(lead.id);
    expect(flagged.managerRequest).toBe('link-affiliate-by-hand');
    expect(service.container.leads.detail(lead.id).events.find((event) => event.type === 'affiliate-link-needed')?.data).toEqual({ reason: 'existing-affiliate', matchedAffiliateId: partner.affiliate_id });

    expect((await service.request('POST', `/v1/leads/${lead.id}/link-affiliate`, { affiliateId: partner.affiliate_id }, manager)).status).toBe(200);
    const other = service.submit(applicationWith([], { replaceSteps: true }), { ...STANDARD_APPLICANT, name: 'Someone', email: 'someone@example.com' }).lead;
    const taken = await service.request('POST', `/v1/leads/${other.id}/link-affiliate`, { affiliateId: partner.affiliate_id }, manager);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'affiliate_linked_elsewhere' });
    expect(service.container.leads.get(other.id).affiliateId).toBeNull();

    await service.request('POST', `/v1/leads/${lead.id}/reject`, undefined, manager);
    await service.deliver();
    expect(affiliateWp.affiliates.find((affiliate) => affiliate.affiliate_id === partner.affiliate_id)?.status).toBe('rejected');
  });

  it('bad input gets a clear error and changes nothing; only lead reviewers may link', async () => {
    const { lead } = service.submit(applicationWith([], { replaceSteps: true }), STANDARD_APPLICANT);
    const wrongType = await service.request('POST', `/v1/leads/${lead.id}/link-affiliate`, { affiliateId: 'seven' }, manager);
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(wrongType.body)).toMatch(/affiliateId/);
    const unknown = await service.request('POST', `/v1/leads/${lead.id}/link-affiliate`, { affiliateId: 999 }, manager);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('affiliate_not_found');
    const lookup = await service.request('GET', `/v1/leads/${lead.id}/affiliate-candidate?affiliateId=-1`, undefined, manager);
    expect(lookup.status).toBe(400);
    const outsider = await service.request('POST', `/v1/leads/${lead.id}/link-affiliate`, { affiliateId: 1 }, { userId: 9, capabilities: ['aa_manage_agents'] });
    expect(outsider.status).toBe(403);
    expect(service.container.leads.get(lead.id)).toMatchObject({ affiliateId: null, affiliateLink: null });
    expect(service.container.leads.detail(lead.id).events.map((event) => event.type)).toEqual(['lead-created']);
  });
});
