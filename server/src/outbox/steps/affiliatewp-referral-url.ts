import { CONNECTORS } from '../../connectors';
import type { StepHandler } from './step-handler';

/** After approval: the affiliate's referral link, for the welcome email that depends on it. */
export const affiliateWpReferralUrlStep: StepHandler<'affiliatewp_referral_url'> = {
  type: 'affiliatewp_referral_url',
  planApproval: ({ decision }) =>
    decision === 'approved'
      ? { id: 'referral_url', type: 'affiliatewp_referral_url', label: 'Fetch the referral link', dependsOn: ['affiliatewp_status'], step: { id: 'referral_url', type: 'affiliatewp_referral_url', config: {} } }
      : null,
  execute: async (_job, lead, context) => {
    const connector = CONNECTORS.affiliatewp(context.connectors);
    // Only the affiliate this lead created or a manager linked: never one found by email alone.
    let affiliateId = context.groupResults.affiliatewp_status?.affiliateId as number | undefined;
    if (typeof affiliateId !== 'number') affiliateId = context.ownAffiliateId() ?? undefined;
    if (typeof affiliateId !== 'number') {
      return { kind: 'retry', error: `No affiliate of this lead was found for ${lead.email ?? 'this lead'} yet.`, response: context.lastAnswer() };
    }
    const url = await connector.referralUrl(affiliateId);
    return { kind: 'succeeded', response: context.lastAnswer({ referralUrl: url }), result: { affiliateId, referralUrl: url } };
  },
};
