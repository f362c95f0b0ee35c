import { createAffiliateStore, type AffiliateStore } from '../../../tests/fakes/affiliatewp-store';
import { startFakeAffiliateWp, type FakeAffiliateWp } from '../../../tests/fakes/affiliatewp-fake-server';
import { startWordPressBridgeFake, type WordPressBridgeFake } from '../../../tests/fakes/wordpress-bridge-fake';
import { createAffiliateWpRestConnector } from '../../src/connectors/affiliatewp-rest-connector';
import { createAffiliateWpBridgeConnector } from '../../src/connectors/affiliatewp-bridge-connector';
import { referralSettingsSchema } from '../../src/connectors/delivery-settings';
import { createSafeHttpClient } from '../../src/connectors/safe-http';
import { createWordPressBridgeClient, type WordPressBridgeClient } from '../../src/connectors/wordpress-bridge-client';
import type { AffiliateWpConnector } from '../../src/connectors/affiliatewp-types';

/**
 * One AffiliateWP site reached through both transports: the REST fake and the bridge fake share
 * one affiliate store, so what one connector does the other sees, in the same shape.
 */
const SECRET = 'transport-test-secret-0123456789abcdef012345';
const manager = { initiatedBy: { userId: 3 } };

describe('AffiliateWP through REST and through the bridge, on one site', () => {
  let store: AffiliateStore;
  let rest: FakeAffiliateWp;
  let bridge: WordPressBridgeFake;
  let viaRest: AffiliateWpConnector;
  let viaBridge: AffiliateWpConnector;
  let bridgeClient: WordPressBridgeClient;

  beforeEach(async () => {
    store = createAffiliateStore();
    rest = await startFakeAffiliateWp({ store });
    bridge = await startWordPressBridgeFake({ secret: SECRET, store });
    const http = createSafeHttpClient(() => ({ allowHosts: ['127.0.0.1'] }));
    viaRest = createAffiliateWpRestConnector({ http, siteUrl: rest.url, homeUrl: 'https://shop.example', publicKey: 'pk_test', token: 'tok_test', createAccounts: true, referral: referralSettingsSchema.parse({}) });
    bridgeClient = createWordPressBridgeClient({ http, secret: SECRET, siteUrl: () => bridge.url });
    viaBridge = createAffiliateWpBridgeConnector({ bridge: bridgeClient });
  });
  afterEach(async () => {
    await rest.close();
    await bridge.close();
  });

  it('an application made through one transport is found, in the same shape, through the other', async () => {
    const throughBridge = await viaBridge.createPending({ email: 'Ana@Example.com', name: 'Ana Lima' });
    const throughRest = await viaRest.findByEmail('ana@example.com');
    expect(throughBridge).toMatchObject({ created: true, affiliate: { status: 'pending', payment_email: 'ana@example.com' } });
    const { user: _user, ...restShape } = throughRest as NonNullable<typeof throughRest> & { user?: unknown };
    expect(restShape).toEqual(throughBridge.affiliate);

    // Applying again through REST links the same affiliate instead of making a second one.
    await expect(viaRest.createPending({ email: 'ana@example.com', name: 'Ana' })).resolves.toMatchObject({ created: false, affiliate: { affiliate_id: throughBridge.affiliate.affiliate_id } });
    expect(store.affiliates).toHaveLength(1);
    expect(store.users).toHaveLength(1);
  });

  it('a status set through one transport is what the other reads, and each change is recorded once', async () => {
    const { affiliate } = await viaRest.createPending({ email: 'bo@example.com', name: 'Bo' });
    await viaBridge.setStatus(affiliate.affiliate_id, 'active', manager);
    await expect(viaRest.findByEmail('bo@example.com')).resolves.toMatchObject({ status: 'active' });
    await viaRest.setStatus(affiliate.affiliate_id, 'rejected', manager);
    await expect(viaBridge.findByEmail('bo@example.com')).resolves.toMatchObject({ status: 'rejected' });
    await viaBridge.setStatus(affiliate.affiliate_id, 'rejected', manager);
    expect(store.statusChanges).toEqual([
      { affiliateId: affiliate.affiliate_id, from: 'pending', to: 'active' },
      { affiliateId: affiliate.affiliate_id, from: 'active', to: 'rejected' },
    ]);
  });

  it('finds by payment email when no account has the address, through both', async () => {
    const seeded = store.addAffiliate(store.addUser('cy', 'cy@example.com').ID, { status: 'active', payment_email: 'payouts@cy.example' });
    await expect(viaRest.findByEmail('payouts@cy.example')).resolves.toMatchObject({ affiliate_id: seeded.affiliate_id });
    await expect(viaBridge.findByEmail('payouts@cy.example')).resolves.toMatchObject({ affiliate_id: seeded.affiliate_id });
  });

  it('keeps each transport\'s own status quirk: REST stores any status, the bridge refuses an unknown one', async () => {
    const seeded = store.addAffiliate(store.addUser('dee', 'dee@example.com').ID);
    const patch = await fetch(`${rest.url}/wp-json/affwp/v1/affiliates/${seeded.affiliate_id}`, {
      method: 'PATCH',
      headers: { authorization: `Basic ${Buffer.from('pk_test:tok_test').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'banana' }),
    });
    expect(patch.status).toBe(201);
    expect(store.byId(seeded.affiliate_id)?.status).toBe('banana');
    // The connector checks the status itself, so the plugin side is asked directly (signed, as the service would).
    await expect(bridgeClient.call('affiliatewp/set-status', { affiliate_id: seeded.affiliate_id, status: 'nonsense' })).rejects.toMatchObject({ retryable: false });
    expect(bridge.calls.at(-1)).toMatchObject({ operation: 'affiliatewp/set-status', status: 400 });
    expect(store.byId(seeded.affiliate_id)?.status).toBe('banana');
  });
});
