import { startOutboxService, WEBHOOK_SECRET, type OutboxService } from './outbox-harness';

describe('the delivery settings API', () => {
  let service: OutboxService;
  beforeAll(async () => {
    service = await startOutboxService();
  });
  afterAll(() => service.close());

  it('stores the AffiliateWP transport, recipients, signing secret and allow-list, and never shows a secret back', async () => {
    const saved = await service.request('PATCH', '/v1/settings/delivery', {
      wordpress: { siteUrl: 'https://shop.example/' },
      affiliatewp: { transport: 'rest', createAccounts: true, publicKey: 'c4ca4238a0b923820dcc509a6f75849b', token: 'a87ff679a2f3e71d9181a67b7542122c', referral: { variable: 'aff', format: 'username', pretty: true } },
      notifications: { recipients: ['manager@shop.example'] },
      webhooks: { signingSecret: WEBHOOK_SECRET },
      network: { allowHosts: ['127.0.0.1', 'wp.internal:8080'] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({
      wordpress: { siteUrl: 'https://shop.example' },
      affiliatewp: { transport: 'rest', createAccounts: true, publicKey: 'c4ca4238a0b923820dcc509a6f75849b', token: '••••122c', referral: { variable: 'aff', format: 'username', pretty: true } },
      notifications: { recipients: ['manager@shop.example'] },
      webhooks: { signingSecret: `••••${WEBHOOK_SECRET.slice(-4)}` },
      network: { allowHosts: ['127.0.0.1', 'wp.internal:8080'] },
    });
    const read = await service.request('GET', '/v1/settings/delivery');
    expect(JSON.stringify(read.body)).not.toContain('a87ff679a2f3e71d9181a67b7542122c');
    expect(JSON.stringify(read.body)).not.toContain(WEBHOOK_SECRET);
  });

  it('keeps a secret when a later change omits it, and clears it with null', async () => {
    await service.request('PATCH', '/v1/settings/delivery', { notifications: { recipients: ['other@shop.example'] } });
    expect((await service.request('GET', '/v1/settings/delivery')).body.settings.affiliatewp.token).toBe('••••122c');
    const cleared = await service.request('PATCH', '/v1/settings/delivery', { affiliatewp: { token: null } });
    expect(cleared.body.settings.affiliatewp.token).toBeNull();
  });

  it('rejects invalid values with a message per field, and needs aa_manage_agents', async () => {
    const invalid = await service.request('PATCH', '/v1/settings/delivery', { affiliatewp: { transport: 'ftp' }, notifications: { recipients: ['not-an-email'] }, webhooks: { signingSecret: 'hunter2' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('affiliatewp.transport');
    expect(invalid.body.error.message).toContain('webhooks.signingSecret');
    const forbidden = await service.request('GET', '/v1/settings/delivery', undefined, { capabilities: ['aa_review_leads'] });
    expect(forbidden.status).toBe(403);
  });
});
