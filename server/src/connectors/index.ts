import type { DeliverySettings } from './delivery-settings';
import { createAffiliateWpBridgeConnector, type AffiliateWpBridgeConnector } from './affiliatewp-bridge-connector';
import { createAffiliateWpRestConnector, type AffiliateWpRestConnector } from './affiliatewp-rest-connector';
import type { AffiliateWpConnector } from './affiliatewp-types';
import { DeliveryError } from './delivery-error';
import { createMailConnector, type MailConnector } from './mail-connector';
import type { SafeHttpClient } from './safe-http';
import { createWebhookConnector, type WebhookConnector } from './webhook-connector';
import { createWordPressBridgeClient } from './wordpress-bridge-client';

/**
 * Every connector the outbox can deliver through, one file each, listed here and nowhere else.
 * Connectors are built per job from the current settings, so a settings change applies at once.
 */
export interface ConnectorDependencies {
  http: SafeHttpClient;
  /** The shared secret that signs bridge calls. */
  secret: string;
  settings: DeliverySettings;
  nowSeconds: () => number;
}

export const AFFILIATEWP_TRANSPORTS = {
  rest: (dependencies: ConnectorDependencies): AffiliateWpRestConnector => {
    const { affiliatewp, wordpress } = dependencies.settings;
    const siteUrl = affiliatewp.siteUrl ?? wordpress.siteUrl;
    if (!siteUrl || !affiliatewp.publicKey || !affiliatewp.token) {
      throw new DeliveryError('AffiliateWP over REST needs the site URL, a public key and a token in Affiliate Agent → Settings, “AffiliateWP and notifications”.', { retryable: true, code: 'affiliatewp_not_configured' });
    }
    // Referral links go to the public: the site's own address (home URL, told by the plugin at
    // pairing, or the WordPress site URL the owner saved), never the REST address, which may be
    // internal. Knowing neither, the referral step waits (referral_base_unknown).
    const homeUrl = wordpress.homeUrl ?? wordpress.siteUrl;
    return createAffiliateWpRestConnector({ http: dependencies.http, siteUrl, homeUrl, publicKey: affiliatewp.publicKey, token: affiliatewp.token, referral: affiliatewp.referral, createAccounts: affiliatewp.createAccounts });
  },
  bridge: (dependencies: ConnectorDependencies): AffiliateWpBridgeConnector => createAffiliateWpBridgeConnector({ bridge: bridgeFor(dependencies) }),
} as const;

function bridgeFor(dependencies: ConnectorDependencies) {
  return createWordPressBridgeClient({
    http: dependencies.http,
    secret: dependencies.secret,
    siteUrl: () => dependencies.settings.wordpress.siteUrl,
    nowSeconds: dependencies.nowSeconds,
  });
}

export const CONNECTORS = {
  affiliatewp: (dependencies: ConnectorDependencies): AffiliateWpConnector => {
    const transport = dependencies.settings.affiliatewp.transport;
    if (transport === 'none') {
      throw new DeliveryError('AffiliateWP is not connected: choose the REST or WordPress bridge transport in Affiliate Agent → Settings, “AffiliateWP and notifications”.', { retryable: true, code: 'affiliatewp_not_configured' });
    }
    return AFFILIATEWP_TRANSPORTS[transport](dependencies);
  },
  webhook: (dependencies: ConnectorDependencies): WebhookConnector => createWebhookConnector({ http: dependencies.http }),
  mail: (dependencies: ConnectorDependencies): MailConnector => createMailConnector({ bridge: bridgeFor(dependencies) }),
} as const;

export type ConnectorName = keyof typeof CONNECTORS;
