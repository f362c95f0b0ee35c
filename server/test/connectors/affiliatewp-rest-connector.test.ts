import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { buildReferralUrl, createAffiliateWpRestConnector, notesWithName } from '../../src/connectors/affiliatewp-rest-connector';
import { referralSettingsSchema } from '../../src/connectors/delivery-settings';
import { createSafeHttpClient } from '../../src/connectors/safe-http';
import type { AffiliateWpConnector } from '../../src/connectors/affiliatewp-types';

const manager = { initiatedBy: { userId: 3 } };

describe('the AffiliateWP REST connector, against a contract-faithful fake', () => {
  let fake: FakeAffiliateWp;
  let connector: AffiliateWpConnector;
  const http = createSafeHttpClient(() => ({ allowHosts: ['127.0.0.1'] }));
  const connect = (overrides: { token?: string; referral?: Record<string, unknown> } = {}) =>
    createAffiliateWpRestConnector({ http, siteUrl: fake.url, homeUrl: 'https://shop.example', publicKey: 'pk_test', token: overrides.token ?? 'tok_test', createAccounts: true, referral: referralSettingsSchema.parse(overrides.referral ?? {}) });

  beforeEach(async () => {
    fake = await startFakeAffiliateWp();
    connector = connect();
  });
  afterEach(() => fake.close());

  it('reads the 404 that AffiliateWP sends for an empty list as "no affiliate", and lists with number=0', async () => {
    await expect(connector.findByEmail('nobody@example.com')).resolves.toBeNull();
    expect(fake.requests[0]).toMatchObject({ status: 404, query: { search: 'nobody@example.com', number: '0', user: '1' } });
  });

  it('finds an affiliate by account email or payment email', async () => {
    const user = fake.addUser('jane', 'jane@example.com');
    fake.addAffiliate(user.ID, { payment_email: 'paypal@jane.example' });
    await expect(connector.findByEmail('Jane@Example.com')).resolves.toMatchObject({ affiliate_id: 1, user: { user_login: 'jane' } });
    await expect(connector.findByEmail('paypal@jane.example')).resolves.toMatchObject({ affiliate_id: 1 });
  });

  it('creates a pending application with create_user and an explicit status, and links rather than duplicates the next time', async () => {
    const first = await connector.createPending({ email: 'ana.silva+yt@example.com', name: 'Ana', websiteUrl: 'https://ana.example', notes: 'from chat' });
    expect(first).toMatchObject({ created: true, affiliate: { status: 'pending', payment_email: 'ana.silva+yt@example.com' } });
    const post = fake.requests.find((request) => request.method === 'POST')!;
    // The login must be \w+ so that /affiliates/{username} can find it later.
    expect(post).toMatchObject({ status: 201, body: { create_user: '1', status: 'pending', username: 'ana_silva_yt', website_url: 'https://ana.example', notes: 'Applicant: Ana\nfrom chat' } });
    const second = await connector.createPending({ email: 'ana.silva+yt@example.com', name: 'Ana' });
    expect(second).toMatchObject({ created: false, affiliate: { affiliate_id: first.affiliate.affiliate_id } });
    expect(fake.affiliates).toHaveLength(1);
  });

  it("sends the applicant's name in the notes, the one place REST create allows, as one plain line", async () => {
    await connector.createPending({ email: 'mo@example.com', name: 'Mo\nStatus: active\u0007 Ng' });
    const post = fake.requests.find((request) => request.method === 'POST')!;
    expect((post.body as { notes?: string }).notes).toBe('Applicant: Mo Status: active Ng');
    // A lead without a name carries its email as the name: nothing to add then.
    expect(notesWithName({ name: 'mo@example.com', email: 'MO@example.com' })).toEqual({});
    expect(notesWithName({ name: ' ', email: 'mo@example.com', notes: 'Score 5' })).toEqual({ notes: 'Score 5' });
  });

  it('tries another username when the login is taken', async () => {
    fake.addUser('bo', 'someone-else@example.com');
    const { affiliate } = await connector.createPending({ email: 'bo@example.com', name: 'Bo' });
    expect(fake.users.find((user) => user.ID === affiliate.user_id)?.user_login).toBe('bo_2');
  });

  it('explains that a WordPress user without an affiliate cannot be linked over REST', async () => {
    fake.addUser('cy', 'cy@example.com');
    await expect(connector.createPending({ email: 'cy@example.com', name: 'Cy' })).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('WordPress bridge') });
  });

  it('tells the owner to enable REST API Extended or use the bridge when write routes are missing', async () => {
    fake.options.restApiExtended = false;
    await expect(connector.createPending({ email: 'dee@example.com', name: 'Dee' })).rejects.toMatchObject({
      code: 'affiliatewp_write_route_missing',
      message: expect.stringMatching(/REST API Extended.*WordPress bridge/),
    });
  });

  it('explains 401 (wrong key, or a host stripping the Authorization header) and 403 (missing capability)', async () => {
    fake.options.stripsAuthorization = true;
    await expect(connector.findByEmail('x@example.com')).rejects.toMatchObject({ code: 'affiliatewp_unauthorized', message: expect.stringContaining('stripping the Authorization header') });
    fake.options.stripsAuthorization = false;
    await expect(connect({ token: 'wrong' }).findByEmail('x@example.com')).rejects.toMatchObject({ code: 'affiliatewp_unauthorized' });
    fake.options.ownerCanManage = false;
    await expect(connector.findByEmail('x@example.com')).rejects.toMatchObject({ code: 'affiliatewp_forbidden', message: expect.stringContaining('manage_affiliates') });
  });

  it('sets a status only for a manager, accepting the 201 that AffiliateWP answers to updates', async () => {
    const { affiliate } = await connector.createPending({ email: 'eve@example.com', name: 'Eve' });
    await expect(connector.setStatus(affiliate.affiliate_id, 'active', { initiatedBy: { userId: 0 } })).rejects.toMatchObject({ code: 'not_manager_initiated' });
    await expect(connector.setStatus(affiliate.affiliate_id, 'approved' as never, manager)).rejects.toMatchObject({ code: 'invalid_status' });
    await expect(connector.setStatus(affiliate.affiliate_id, 'active', manager)).resolves.toMatchObject({ status: 'active' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', status: 201 });
  });

  it('builds the referral URL from the owner\'s copy of the referral settings: id or username, pretty or query', async () => {
    const { affiliate } = await connector.createPending({ email: 'finn@example.com', name: 'Finn' });
    await expect(connector.referralUrl(affiliate.affiliate_id)).resolves.toBe(`https://shop.example/?ref=${affiliate.affiliate_id}`);
    await expect(connect({ referral: { format: 'username', pretty: true, variable: 'partner', baseUrl: 'https://shop.example/deals' } }).referralUrl(affiliate.affiliate_id)).resolves.toBe('https://shop.example/deals/partner/finn/');
    expect(buildReferralUrl(referralSettingsSchema.parse({ baseUrl: 'https://shop.example/?lang=de' }), 'https://ignored.example', '7')).toBe('https://shop.example/?lang=de&ref=7');
  });

  it('never builds a referral link on the REST address: without the site\'s public address it waits and says why', async () => {
    const { affiliate } = await connector.createPending({ email: 'nia@example.com', name: 'Nia' });
    const unpaired = createAffiliateWpRestConnector({ http, siteUrl: fake.url, publicKey: 'pk_test', token: 'tok_test', referral: referralSettingsSchema.parse({}) });
    await expect(unpaired.referralUrl(affiliate.affiliate_id)).rejects.toMatchObject({ code: 'referral_base_unknown', retryable: true, message: expect.stringMatching(/^No referral link was made: the site's public address is not known yet/) });
    const withBase = createAffiliateWpRestConnector({ http, siteUrl: fake.url, publicKey: 'pk_test', token: 'tok_test', referral: referralSettingsSchema.parse({ baseUrl: 'https://shop.example/join' }) });
    await expect(withBase.referralUrl(affiliate.affiliate_id)).resolves.toBe(`https://shop.example/join?ref=${affiliate.affiliate_id}`);
  });

  it('updates the payment email only for the lead\'s own affiliate, and notices when AffiliateWP silently ignores it', async () => {
    const { affiliate } = await connector.createPending({ email: 'gil@example.com', name: 'Gil' });
    await expect(connector.updatePaymentEmail({ affiliateId: affiliate.affiliate_id, expectedEmail: 'mallory@example.com', paymentEmail: 'mallory@evil.example' })).rejects.toMatchObject({ code: 'affiliate_mismatch' });
    await expect(connector.updatePaymentEmail({ affiliateId: affiliate.affiliate_id, expectedEmail: 'gil@example.com', paymentEmail: 'not an email' })).rejects.toMatchObject({ code: 'payment_email_ignored' });
    await expect(connector.updatePaymentEmail({ affiliateId: affiliate.affiliate_id, expectedEmail: 'gil@example.com', paymentEmail: 'gil@paypal.example' })).resolves.toMatchObject({ payment_email: 'gil@paypal.example' });
  });

  it('marks server errors as retryable', async () => {
    fake.failNext(1, 503);
    await expect(connector.findByEmail('x@example.com')).rejects.toMatchObject({ retryable: true });
  });
});
