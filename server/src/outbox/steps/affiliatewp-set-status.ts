import { CONNECTORS } from '../../connectors';
import type { AffiliateStatus } from '../../connectors/affiliatewp-types';
import { affiliateWpNotConnected, configOf, type StepHandler } from './step-handler';

/** The approval flow's first step: activates or rejects the lead's affiliate in AffiliateWP. */
export const affiliateWpSetStatusStep: StepHandler<'affiliatewp_set_status'> = {
  type: 'affiliatewp_set_status',
  skipReasonWhenScheduled: affiliateWpNotConnected,
  execute: async (job, lead, context) => {
    if (!lead.email) return { kind: 'failed', error: 'The lead has no email address to find its affiliate by.', response: null };
    const status = String(configOf(job).status) as AffiliateStatus;
    const connector = CONNECTORS.affiliatewp(context.connectors);
    let affiliate = await connector.findByEmail(lead.email);
    if (!affiliate && status === 'rejected') return { kind: 'succeeded', response: context.lastAnswer({ note: 'no affiliate with this email, nothing to reject' }), result: { affiliateId: null } };
    // Approving a lead whose action created no application: create it now, then activate it.
    if (!affiliate) affiliate = (await connector.createPending({ email: lead.email, name: lead.name ?? lead.email })).affiliate;
    const updated = await connector.setStatus(affiliate.affiliate_id, status, { initiatedBy: { userId: job.actor ?? 0 } });
    return {
      kind: 'succeeded',
      response: context.lastAnswer({ affiliateId: updated.affiliate_id, status: updated.status }),
      result: { affiliateId: updated.affiliate_id, status: updated.status },
    };
  },
};
