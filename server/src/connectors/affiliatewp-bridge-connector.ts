import { DeliveryError } from './delivery-error';
import type { WordPressBridgeClient } from './wordpress-bridge-client';
import { assertManagerInitiated, sameEmail, type Affiliate, type AffiliateWpConnector, type AffiliateStatus, type ManagerInitiated, type PendingApplication } from './affiliatewp-types';

/**
 * AffiliateWP through our plugin's bridge, which calls AffiliateWP's PHP API inside WordPress:
 * works on every install, creates the WordPress user when needed and links existing users.
 */
export interface AffiliateWpBridgeConnector extends AffiliateWpConnector {
  /**
   * AffiliateWP's own commission, cookie, currency and payout settings (`affiliatewp/program-terms`;
   * its REST API exposes no settings). A remote answer, parsed by outbox/program-terms-import.ts.
   */
  programTerms(): Promise<unknown>;
}

export function createAffiliateWpBridgeConnector({ bridge }: { bridge: WordPressBridgeClient }): AffiliateWpBridgeConnector {
  function affiliateOf(data: { affiliate?: Affiliate | null }, operation: string): Affiliate {
    if (!data.affiliate || typeof data.affiliate.affiliate_id !== 'number') {
      throw new DeliveryError(`The bridge answered '${operation}' without an affiliate.`, { retryable: true, code: 'bridge_bad_answer' });
    }
    return data.affiliate;
  }

  return {
    transport: 'bridge',
    async findByEmail(email: string) {
      const { data } = await bridge.call<{ affiliate: Affiliate | null }>('affiliatewp/find-by-email', { email });
      return data.affiliate ?? null;
    },
    async getAffiliate(affiliateId: number) {
      const { data } = await bridge.call<{ affiliate: Affiliate }>('affiliatewp/get-affiliate', { affiliate_id: affiliateId });
      return affiliateOf(data, 'get-affiliate');
    },
    async createPending(application: PendingApplication) {
      const { data } = await bridge.call<{ affiliate: Affiliate; created: boolean }>('affiliatewp/create-pending', {
        email: application.email,
        name: application.name,
        ...(application.username ? { username: application.username } : {}),
        ...(application.websiteUrl ? { website_url: application.websiteUrl } : {}),
        ...(application.notes ? { notes: application.notes } : {}),
        ...(application.emailVerified ? { email_verified: true } : {}),
      });
      return { affiliate: affiliateOf(data, 'create-pending'), created: data.created === true };
    },
    async setStatus(affiliateId: number, status: AffiliateStatus, context: ManagerInitiated) {
      assertManagerInitiated(status, context);
      const { data } = await bridge.call<{ affiliate: Affiliate }>('affiliatewp/set-status', { affiliate_id: affiliateId, status });
      return affiliateOf(data, 'set-status');
    },
    async referralUrl(affiliateId: number) {
      const { data } = await bridge.call<{ url?: string }>('affiliatewp/referral-url', { affiliate_id: affiliateId });
      if (typeof data.url !== 'string' || !/^https?:\/\//.test(data.url)) {
        throw new DeliveryError('The bridge answered referral-url without a URL.', { retryable: true, code: 'bridge_bad_answer' });
      }
      return data.url;
    },
    async updatePaymentEmail(input: { affiliateId: number; expectedEmail: string; paymentEmail: string }) {
      const { data } = await bridge.call<{ affiliate: Affiliate }>('affiliatewp/update-payment-email', {
        affiliate_id: input.affiliateId,
        expected_email: input.expectedEmail,
        payment_email: input.paymentEmail,
      });
      const affiliate = affiliateOf(data, 'update-payment-email');
      if (!sameEmail(affiliate.payment_email, input.paymentEmail)) {
        throw new DeliveryError(`AffiliateWP kept the old payment email instead of '${input.paymentEmail}'.`, { retryable: false, code: 'payment_email_ignored' });
      }
      return affiliate;
    },
    async programTerms() {
      const { data } = await bridge.call<unknown>('affiliatewp/program-terms', {});
      return data;
    },
  };
}
