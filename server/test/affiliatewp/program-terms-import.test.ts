import { TEST_SECRET, type TestService } from '../../../tests/support/signed-client';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { Visitor, eventsOf, setUpAgent, startChatService } from '../conversations/support/chat-client';

/**
 * Issue 16, program facts through the bridge: the owner reads the commission, cookie, currency and
 * payout methods from AffiliateWP's own settings (`affiliatewp/program-terms`); the agent quotes
 * those exact figures to a paraphrased question, cited as "Program terms"; what AffiliateWP does not
 * know (the payout minimum, the never-promise list) stays the owner's; a malformed answer changes
 * nothing; over REST the import is refused with what to do instead.
 */
describe('program terms read from AffiliateWP through the bridge', () => {
  let service: TestService;
  let bridge: WordPressBridgeFake;
  let agentId: string;

  beforeAll(async () => {
    service = await startChatService();
    bridge = await startWordPressBridgeFake({ secret: TEST_SECRET });
    agentId = await setUpAgent(service);
    const configured = await service.request('PATCH', '/v1/settings/delivery', { wordpress: { siteUrl: bridge.url }, affiliatewp: { transport: 'bridge' }, network: { allowHosts: ['127.0.0.1'] } });
    expect(configured.status).toBe(200);
  });
  afterAll(async () => {
    await service.close();
    await bridge.close();
  });

  const ask = async (question: string) => {
    const visitor = new Visitor(service, agentId);
    await visitor.start();
    return visitor.say(question);
  };

  it("imports AffiliateWP's figures, keeps the owner's minimum and never-promise list, and the agent quotes them exactly", async () => {
    await service.request('PUT', '/v1/settings/program-terms', { commission: { rate: 10, type: 'percentage' }, cookieDays: 7, payout: { minimum: 50 }, currency: 'USD', neverPromise: ['guaranteed earnings'] });
    bridge.setProgramTerms({ commission: { rate: 25, type: 'percentage' }, cookieDays: 60, currency: 'EUR', payoutMethods: ['PayPal', 'manual payment'] });

    const imported = await service.request('POST', '/v1/settings/program-terms/import', {});
    expect(imported.status).toBe(200);
    expect(imported.body.terms).toEqual({
      commission: { rate: 25, type: 'percentage' },
      cookieDays: 60,
      payout: { minimum: 50, method: 'PayPal or manual payment' },
      currency: 'EUR',
      neverPromise: ['guaranteed earnings'],
    });
    expect(imported.body.source).toMatchObject({ from: 'affiliatewp' });
    expect(bridge.calls.filter((call) => call.operation === 'affiliatewp/program-terms')).toHaveLength(1);

    const commission = await ask('what percentage would I get for each order I send you?');
    expect(commission.reply).toContain('Affiliates earn a 25% commission on each referred sale.');
    expect(eventsOf(commission, 'citations')[0].citations[0]).toMatchObject({ title: 'Program terms' });
    expect((await ask('how long does the cookie last')).reply).toContain('The referral cookie lasts 60 days.');
    expect((await ask('when do I get paid?')).reply).toContain('Payouts are sent by PayPal or manual payment once your balance reaches 50 EUR.');
  });

  it('keeps AffiliateWP as the source when the owner edits only their own parts, and hands the terms over when they retype a figure', async () => {
    const current = (await service.request('GET', '/v1/settings/program-terms')).body.terms;
    const ownPart = await service.request('PUT', '/v1/settings/program-terms', { ...current, neverPromise: ['guaranteed earnings', 'free products'] });
    expect(ownPart.body.source).toMatchObject({ from: 'affiliatewp' });
    const takenOver = await service.request('PUT', '/v1/settings/program-terms', { ...current, cookieDays: 30 });
    expect(takenOver.body.source).toEqual({ from: 'owner' });
  });

  it('refuses a malformed answer from WordPress and keeps the stored terms', async () => {
    const before = (await service.request('GET', '/v1/settings/program-terms')).body.terms;
    bridge.setProgramTerms({ commission: { rate: 'lots', type: 'percentage' }, cookieDays: 60, currency: 'EUR', payoutMethods: [] });
    const refused = await service.request('POST', '/v1/settings/program-terms/import', {});
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('program_terms_bad_answer');
    expect(refused.body.error.message).toContain('commission.rate');
    expect((await service.request('GET', '/v1/settings/program-terms')).body.terms).toEqual(before);
  });

  it('is for managers of agents only, and over REST says to enter the terms by hand', async () => {
    expect((await service.request('POST', '/v1/settings/program-terms/import', {}, { capabilities: ['aa_review_leads'] })).status).toBe(403);
    await service.request('PATCH', '/v1/settings/delivery', { affiliatewp: { transport: 'rest' } });
    const refused = await service.request('POST', '/v1/settings/program-terms/import', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('program_terms_need_bridge');
    expect(refused.body.error.message).toMatch(/Enter the terms by hand/);
  });
});
