import { CONNECTORS } from '../../connectors';
import type { AffiliateStatus } from '../../connectors/affiliatewp-types';
import { pendingApplicationOf } from './affiliatewp-application';
import { affiliateWpNotConnected, configOf, type StepHandler } from './step-handler';

/** The approval flow's first step: activates or rejects the lead's affiliate in AffiliateWP. */
export const affiliateWpSetStatusStep: StepHandler<'affiliatewp_set_status'> = {
  type: 'affiliatewp_set_status',
  skipReasonWhenScheduled: affiliateWpNotConnected,
  planApproval: ({ decision, inAffiliateWp, settings }) => {
    const status = decision === 'undone' ? 'inactive' : (inAffiliateWp?.status ?? (decision === 'approved' ? 'active' : 'rejected'));
    const step = { id: 'affiliatewp_status', type: 'affiliatewp_set_status', config: { status } };
    // Decided in AffiliateWP itself: the status is set already, so the step is recorded as done
    // (with the affiliate, for the referral step) and only the welcome kit is left to send.
    if (inAffiliateWp && decision !== 'undone') {
      return {
        id: 'affiliatewp_status',
        type: 'affiliatewp_set_status',
        label: `Set to ${status} in AffiliateWP by ${inAffiliateWp.by}`,
        dependsOn: [],
        step,
        alreadyDone: 'set in AffiliateWP',
        result: { affiliateId: inAffiliateWp.affiliateId, status, setIn: 'affiliatewp' },
      };
    }
    const labels = { approved: 'Activate the affiliate in AffiliateWP', rejected: 'Reject the affiliate in AffiliateWP', undone: 'Set the affiliate inactive in AffiliateWP (auto-approval undone)' };
    return { id: 'affiliatewp_status', type: 'affiliatewp_set_status', label: labels[decision], dependsOn: [], step, skipReason: affiliateWpNotConnected(settings) };
  },
  execute: async (job, lead, context) => {
    if (!lead.email) return { kind: 'failed', error: 'The lead has no email address to find its affiliate by.', response: null };
    const status = String(configOf(job).status) as AffiliateStatus;
    const connector = CONNECTORS.affiliatewp(context.connectors);
    let affiliateId = context.ownAffiliateId();
    if (affiliateId === null && context.ownApplicationPending?.()) {
      // Approved as it was created (auto-approval): the lead's own application creates the affiliate; wait for it.
      return { kind: 'retry', error: "Waiting for the lead's own AffiliateWP application to finish.", response: null };
    }
    if (affiliateId === null && status === 'rejected') {
      const note = 'this lead created no affiliate and none was linked to it; nothing to reject (an affiliate that merely shares the email is left alone)';
      return { kind: 'succeeded', response: context.lastAnswer({ note }), result: { affiliateId: null } };
    }
    if (affiliateId === null) {
      // Approving a lead whose action created no application: create it now, but never take over one that exists.
      const { affiliate, created } = await connector.createPending(pendingApplicationOf({ ...lead, email: lead.email }, {}));
      if (!created) {
        const error = `An affiliate (#${affiliate.affiliate_id}) with this email existed before this lead; it was left alone. Link it to the lead by hand in AffiliateWP if it is the same person.`;
        return { kind: 'failed', error, response: context.lastAnswer() };
      }
      affiliateId = affiliate.affiliate_id;
    }
    const updated = await connector.setStatus(affiliateId, status, { initiatedBy: { userId: job.actor ?? 0 } });
    return {
      kind: 'succeeded',
      response: context.lastAnswer({ affiliateId: updated.affiliate_id, status: updated.status }),
      result: { affiliateId: updated.affiliate_id, status: updated.status },
    };
  },
};
