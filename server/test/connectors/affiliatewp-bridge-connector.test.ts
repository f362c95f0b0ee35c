import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { createAffiliateWpBridgeConnector } from '../../src/connectors/affiliatewp-bridge-connector';
import { createMailConnector } from '../../src/connectors/mail-connector';
import { renderEmail } from '../../src/connectors/email-templates';
import { createSafeHttpClient } from '../../src/connectors/safe-http';
import { createWordPressBridgeClient } from '../../src/connectors/wordpress-bridge-client';

const SECRET = 'bridge-test-secret-0123456789abcdef0123456789';

describe('the WordPress bridge connectors', () => {
  let fake: WordPressBridgeFake;
  const http = createSafeHttpClient(() => ({ allowHosts: ['127.0.0.1'] }));
  const bridgeWith = (secret: string) => createWordPressBridgeClient({ http, secret, siteUrl: () => fake.url });

  beforeEach(async () => {
    fake = await startWordPressBridgeFake({ secret: SECRET });
  });
  afterEach(() => fake.close());

  it('signs every call as user 0 with the bridge capability, and the plugin side accepts it', async () => {
    const affiliatewp = createAffiliateWpBridgeConnector({ bridge: bridgeWith(SECRET) });
    const { affiliate, created } = await affiliatewp.createPending({ email: 'ana@example.com', name: 'Ana' });
    expect(created).toBe(true);
    expect(fake.calls[0]).toMatchObject({ operation: 'affiliatewp/create-pending', status: 200, userId: '0', capabilities: 'bridge', body: { email: 'ana@example.com', name: 'Ana' } });
    await expect(affiliatewp.createPending({ email: 'ana@example.com', name: 'Ana' })).resolves.toMatchObject({ created: false, affiliate: { affiliate_id: affiliate.affiliate_id } });
    await expect(affiliatewp.setStatus(affiliate.affiliate_id, 'active', { initiatedBy: { userId: 2 } })).resolves.toMatchObject({ status: 'active' });
    await expect(affiliatewp.referralUrl(affiliate.affiliate_id)).resolves.toBe(`https://shop.example/?ref=${affiliate.affiliate_id}`);
    await expect(affiliatewp.updatePaymentEmail({ affiliateId: affiliate.affiliate_id, expectedEmail: 'someone@else.example', paymentEmail: 'x@y.example' })).rejects.toMatchObject({ retryable: false });
    await expect(affiliatewp.findByEmail('nobody@example.com')).resolves.toBeNull();
  });

  it('explains a wrong shared secret, and a site without AffiliateWP', async () => {
    await expect(createAffiliateWpBridgeConnector({ bridge: bridgeWith('another-secret-0123456789abcdef012345678') }).findByEmail('a@b.example')).rejects.toMatchObject({
      code: 'bridge_unauthorized',
      message: expect.stringContaining('connection key'),
    });
    const without = await startWordPressBridgeFake({ secret: SECRET, affiliateWpInstalled: false });
    const bridge = createWordPressBridgeClient({ http, secret: SECRET, siteUrl: () => without.url });
    await expect(createAffiliateWpBridgeConnector({ bridge }).findByEmail('a@b.example')).rejects.toMatchObject({ code: 'affiliatewp_not_installed' });
    await without.close();
  });

  it('sends mail through wp_mail with an HTML and a plain-text part, and retries when wp_mail fails', async () => {
    const mail = createMailConnector({ bridge: bridgeWith(SECRET) });
    const email = renderEmail({ subject: 'Hi {{name}}\nBcc: evil@example.com', body: 'Hello {{name}},\n\nyour link: {{referral_url}}' }, { name: '<script>x</script>', referral_url: 'https://shop.example/?ref=1' });
    await mail.send(['a@example.com', 'b@example.com'], email, { idempotencyKey: 'lead_1:notify:lead-created' });
    expect(fake.mails[0]).toMatchObject({ to: 'a@example.com', headers: ['Cc: b@example.com'], subject: 'Hi <script>x</script> Bcc: evil@example.com' });
    expect(fake.mails[0].html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(fake.mails[0].html).toContain('<a href="https://shop.example/?ref=1">');
    expect(fake.mails[0].text).toBe('Hello <script>x</script>,\n\nyour link: https://shop.example/?ref=1');
    fake.setMailWorks(false);
    await expect(mail.send('a@example.com', email, { idempotencyKey: 'lead_2:notify:lead-created' })).rejects.toMatchObject({ code: 'mail_not_sent', retryable: true });
    fake.setMailWorks(true);
  });

  it('sends a mail once per idempotency key: a retry of a sent key is answered "already sent" and mails nobody', async () => {
    const mail = createMailConnector({ bridge: bridgeWith(SECRET) });
    const email = renderEmail({ subject: 'New lead', body: 'A lead arrived.' }, {});
    const before = fake.mails.length;
    const first = await mail.send('manager@example.com', email, { idempotencyKey: 'lead_3:notify:lead-created' });
    const repeat = await mail.send('manager@example.com', email, { idempotencyKey: 'lead_3:notify:lead-created' });
    expect(first.alreadySent).toBeUndefined();
    expect(repeat.alreadySent).toBe(true);
    expect(fake.mails.length - before).toBe(1);
    expect(fake.calls.filter((call) => call.operation === 'mail/send').at(-1)?.body).toMatchObject({ idempotency_key: 'lead_3:notify:lead-created' });
    // A key whose send failed was not remembered, so its retry sends.
    await mail.send('a@example.com', email, { idempotencyKey: 'lead_2:notify:lead-created' });
    expect(fake.mails.at(-1)).toMatchObject({ to: 'a@example.com', idempotencyKey: 'lead_2:notify:lead-created' });
  });
});
