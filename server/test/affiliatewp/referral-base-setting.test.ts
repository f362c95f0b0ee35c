import { buildReferralUrl } from '../../src/connectors/affiliatewp-rest-connector';
import { readDeliverySettings } from '../../src/connectors/delivery-settings';
import { startOutboxService, type OutboxService } from '../outbox/outbox-harness';

/**
 * Issue 16: the referral base (AffiliateWP's "Default Referral URL") can be cleared through the
 * settings as docs/outbox.md says (`null` clears), after which links are built on the site's own
 * address again; the other referral settings are kept.
 */
describe('the referral base URL setting', () => {
  let service: OutboxService;
  beforeEach(async () => {
    service = await startOutboxService();
  });
  afterEach(() => service.close());

  it('is set, then cleared with null without losing the other referral settings', async () => {
    await service.configure({ wordpress: { siteUrl: 'https://shop.example' }, affiliatewp: { transport: 'rest', createAccounts: true, referral: { baseUrl: 'https://shop.example/deals', variable: 'partner', pretty: true } } });
    const set = await service.request('GET', '/v1/settings/delivery');
    expect(set.body.settings.affiliatewp.referral).toEqual({ baseUrl: 'https://shop.example/deals', variable: 'partner', format: 'id', pretty: true });

    const cleared = await service.configure({ affiliatewp: { referral: { baseUrl: null } } });
    expect(cleared.settings.affiliatewp.referral).toEqual({ variable: 'partner', format: 'id', pretty: true });
    const stored = readDeliverySettings(service.container.settings);
    expect(buildReferralUrl(stored.affiliatewp.referral, stored.wordpress.homeUrl ?? stored.wordpress.siteUrl!, '7')).toBe('https://shop.example/partner/7/');
  });

  it('names what is accepted when the base URL is not a URL', async () => {
    const refused = await service.request('PATCH', '/v1/settings/delivery', { affiliatewp: { referral: { baseUrl: 'shop.example/deals' } } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error)).toMatch(/affiliatewp\.referral\.baseUrl.*expected the WordPress site URL/);
  });
});
