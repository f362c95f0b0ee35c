import { CONNECTORS } from '../../connectors';
import type { PendingApplication } from '../../connectors/affiliatewp-types';
import type { Lead } from '../../contract/lead-types';
import { affiliateWpNotConnected, configOf, type StepHandler } from './step-handler';

const NO_EMAIL = 'The lead has no email address, which AffiliateWP needs.';

/** The pending affiliate AffiliateWP gets for a lead; the worker sends it and the playground shows it. */
export function pendingApplicationOf(lead: Lead & { email: string }, config: { notes?: unknown }): PendingApplication {
  const website = typeof lead.fields.website === 'string' && /^https?:\/\//.test(lead.fields.website) ? lead.fields.website : undefined;
  const notes = [typeof config.notes === 'string' ? config.notes : '', `Applied through the Affiliate Agent chat. Score ${lead.score} (${lead.route}).`].filter(Boolean).join('\n');
  return { email: lead.email, name: lead.name ?? lead.email, websiteUrl: website, notes, ...(lead.emailVerification ? { emailVerified: true } : {}) };
}

/** Creates a pending affiliate; visitor-facing actions never approve (that is the approval flow's step). */
export const affiliateWpApplicationStep: StepHandler<'affiliatewp_application'> = {
  type: 'affiliatewp_application',
  skipReasonWhenScheduled: affiliateWpNotConnected,
  preview: (config, { lead, settings }) =>
    lead.email
      ? { operation: 'create pending affiliate', transport: settings.affiliatewp.transport, application: pendingApplicationOf({ ...lead, email: lead.email }, config) }
      : { error: NO_EMAIL },
  execute: async (job, lead, context) => {
    if (!lead.email) return { kind: 'failed', error: NO_EMAIL, response: null };
    const { affiliate, created } = await CONNECTORS.affiliatewp(context.connectors).createPending(pendingApplicationOf({ ...lead, email: lead.email }, configOf(job)));
    return {
      kind: 'succeeded',
      response: context.lastAnswer({ affiliateId: affiliate.affiliate_id, created }),
      result: { affiliateId: affiliate.affiliate_id, created, status: affiliate.status },
    };
  },
};
