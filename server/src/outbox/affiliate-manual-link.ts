import { z } from 'zod';
import { AppError, ConflictError, NotFoundError } from '../core/errors';
import { parseOrThrow } from '../core/zod-issues';
import type { AffiliateCandidate, Lead } from '../contract/lead-types';
import type { Affiliate } from '../connectors/affiliatewp-types';
import { DeliveryError } from '../connectors/delivery-error';
import type { LeadRepository } from '../leads/lead-repository';
import type { OutboxRepository } from './outbox-repository';
import type { JobOutcome, OutboxJob } from './outbox-types';

/**
 * A manager links a lead to an existing AffiliateWP affiliate by hand (issue 12). The chat never
 * links an applicant to an account it merely matched by email: when the application step met an
 * existing affiliate, or an account only a manager may link (`needs_manager_link`), the lead is
 * flagged `link-affiliate-by-hand`. The manager looks the affiliate up by id (who it is: login,
 * email, name, status), then links it; approve and reject act on that affiliate from then on, and
 * the activity log names the manager.
 */
export const linkAffiliateSchema = z
  .object({
    affiliateId: z.number({ error: 'expected the AffiliateWP affiliate id (a positive integer)' }).int().positive({ message: 'expected a positive integer' }),
  })
  .strict();

const affiliateIdQuery = z.object({
  affiliateId: z.coerce.number({ error: 'expected the AffiliateWP affiliate id (a positive integer)' }).int().positive({ message: 'expected a positive integer' }),
});

export function createAffiliateManualLink(options: {
  leads: LeadRepository;
  owners: Pick<OutboxRepository, 'ownersOfAffiliate'>;
  /** Reads one affiliate with its user, through whichever transport Settings chose. */
  readAffiliate: (affiliateId: number) => Promise<Affiliate>;
  /** The affiliate this lead's own application step created, if any (the ledger knows). */
  createdAffiliateOf: (leadId: string) => number | null;
  now?: () => string;
}) {
  const now = options.now ?? (() => new Date().toISOString());

  function leadOf(id: string): Lead {
    const lead = options.leads.findById(id);
    if (!lead) throw new NotFoundError('Lead', id);
    return lead;
  }

  async function read(affiliateId: number): Promise<Affiliate> {
    try {
      return await options.readAffiliate(affiliateId);
    } catch (error) {
      if (error instanceof DeliveryError && (error.code === 'invalid_affiliate' || error.code === 'affwp_rest_get_affiliate_error')) {
        throw new AppError(`AffiliateWP has no affiliate #${affiliateId}.`, { status: 404, code: 'affiliate_not_found', details: { affiliateId } });
      }
      if (error instanceof DeliveryError) {
        throw new AppError(`AffiliateWP could not be asked about affiliate #${affiliateId}: ${error.message}`, { status: 502, code: error.code || 'affiliatewp_unreachable' });
      }
      throw error;
    }
  }

  function candidateOf(lead: Lead, affiliate: Affiliate): AffiliateCandidate {
    const email = (lead.email ?? '').toLowerCase();
    const accountEmail = (affiliate.user?.user_email ?? '').toLowerCase();
    return {
      affiliateId: affiliate.affiliate_id,
      status: String(affiliate.status),
      paymentEmail: affiliate.payment_email,
      user: affiliate.user ? { login: affiliate.user.user_login ?? '', email: affiliate.user.user_email ?? '', displayName: affiliate.user.display_name ?? '' } : null,
      emailMatchesLead: email !== '' && (accountEmail === email || affiliate.payment_email.toLowerCase() === email),
      linkedToLeads: options.owners.ownersOfAffiliate(affiliate.affiliate_id).filter((id) => id !== lead.id),
    };
  }

  return {
    /** GET …/affiliate-candidate?affiliateId=N: who that affiliate is, before linking. */
    async candidate(leadId: string, query: unknown): Promise<{ candidate: AffiliateCandidate }> {
      const lead = leadOf(leadId);
      const { affiliateId } = parseOrThrow(affiliateIdQuery, query, 'affiliate lookup');
      return { candidate: candidateOf(lead, await read(affiliateId)) };
    },

    /** POST …/link-affiliate { affiliateId }: the lead acts on that affiliate from now on. */
    async link(leadId: string, body: unknown, actorUserId: number): Promise<{ lead: Lead; candidate: AffiliateCandidate }> {
      const { affiliateId } = parseOrThrow(linkAffiliateSchema, body ?? {}, 'affiliate link');
      const before = leadOf(leadId);
      refuseLink(before, affiliateId, options.createdAffiliateOf(leadId));
      const affiliate = await read(affiliateId);
      return options.leads.transaction(() => {
        // Read again after the network call: another manager may have linked meanwhile.
        const lead = leadOf(leadId);
        refuseLink(lead, affiliateId, options.createdAffiliateOf(leadId));
        const candidate = candidateOf(lead, affiliate);
        if (candidate.linkedToLeads.length) {
          throw new ConflictError(
            `Affiliate #${affiliateId} already belongs to another lead (${candidate.linkedToLeads.join(', ')}); one affiliate is linked to one lead, so approving one never changes the other.`,
            'affiliate_linked_elsewhere',
            { leads: candidate.linkedToLeads },
          );
        }
        const at = now();
        const updated: Lead = {
          ...lead,
          affiliateId,
          affiliateLink: 'manager-linked',
          managerRequest: lead.managerRequest === 'link-affiliate-by-hand' ? null : lead.managerRequest,
          updatedAt: at,
        };
        options.leads.update(updated);
        options.leads.addEvent(
          leadId,
          'affiliate-linked',
          actorUserId,
          { affiliateId, previous: lead.affiliateId, accountLogin: candidate.user?.login ?? null, emailMatchesLead: candidate.emailMatchesLead },
          at,
        );
        return { lead: updated, candidate };
      });
    },

    /**
     * Called with every application step's outcome: an affiliate or account the step may not take
     * (it existed before this lead) flags the lead for the manager instead of being used.
     */
    flagFromOutcome(job: OutboxJob, outcome: JobOutcome): void {
      if (job.stepType !== 'affiliatewp_application') return;
      const matched = outcome.kind === 'succeeded' && outcome.result?.created === false ? Number(outcome.result.affiliateId) : null;
      // Refused: an account only a manager may link, or no account may be made from the chat.
      const refusal = outcome.kind === 'failed' ? outcome.code : undefined;
      const refused = refusal === 'needs_manager_link' || refusal === 'registration_closed';
      if (matched === null && !refused) return;
      options.leads.transaction(() => {
        const lead = options.leads.findById(job.leadId);
        if (!lead || lead.affiliateLink !== null || lead.managerRequest !== null) return;
        const at = now();
        options.leads.update({ ...lead, managerRequest: 'link-affiliate-by-hand', updatedAt: at });
        options.leads.addEvent(
          lead.id,
          'affiliate-link-needed',
          null,
          matched !== null ? { reason: 'existing-affiliate', matchedAffiliateId: matched } : { reason: refusal === 'registration_closed' ? 'no-account-creation' : 'existing-account' },
          at,
        );
      });
    },
  };
}
export type AffiliateManualLink = ReturnType<typeof createAffiliateManualLink>;

function refuseLink(lead: Lead, affiliateId: number, created: number | null): void {
  const own = lead.affiliateLink === 'created' ? lead.affiliateId : created;
  if (own !== null) {
    throw new ConflictError(`This lead's own application created affiliate #${own}; it cannot be linked to another one.`, 'affiliate_already_created');
  }
  if (lead.affiliateId === affiliateId) throw new ConflictError(`This lead is already linked to affiliate #${affiliateId}.`, 'already_linked');
  if (lead.status === 'archived') throw new ConflictError('An archived lead cannot be linked to an affiliate; restore it first.', 'invalid_status_change');
}
