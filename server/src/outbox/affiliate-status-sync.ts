import { z } from 'zod';
import { AppError } from '../core/errors';
import { parseOrThrow } from '../core/zod-issues';
import type { Lead } from '../contract/lead-types';
import type { DecidedInAffiliateWp } from '../leads/lead-step-scheduler';
import type { OutboxRepository } from './outbox-repository';

/**
 * Two-way status: a status change made in AffiliateWP itself (its own screens, WP-CLI, another
 * plugin) moves the lead that owns that affiliate. Reported by the plugin's hook listener
 * (`POST /v1/affiliatewp/status-changed`) or found by the REST reconciliation. Only the lead whose
 * own application created the affiliate, or to which a manager linked it, is ever touched: an
 * affiliate that merely shares a lead's email is not that lead's (issue 12).
 */
export const affiliateStatusChangeSchema = z
  .object({
    affiliateId: z.number({ error: 'expected the AffiliateWP affiliate id (a positive integer)' }).int().positive({ message: 'expected a positive integer' }),
    status: z.enum(['active', 'inactive', 'pending', 'rejected'], { error: () => 'expected one of active, inactive, pending, rejected' }),
    previousStatus: z.enum(['active', 'inactive', 'pending', 'rejected'], { error: () => 'expected one of active, inactive, pending, rejected' }).optional(),
    actor: z
      .object({
        userId: z.number().int().min(0, { message: 'expected a WordPress user id (0 for none)' }),
        displayName: z.string().trim().max(250).default(''),
      })
      .strict()
      .default({ userId: 0, displayName: '' }),
  })
  .strict();
export type AffiliateStatusChange = z.infer<typeof affiliateStatusChangeSchema>;

export interface AffiliateStatusSyncResult {
  affiliateId: number;
  leadId: string;
  leadStatus: Lead['status'];
  changed: boolean;
  /** Why nothing changed, when nothing did. */
  reason?: string;
}

export interface LeadFollower {
  get(id: string): Lead;
  followAffiliateWp(id: string, change: DecidedInAffiliateWp & { actorUserId: number | null }): { lead: Lead; changed: boolean; reason?: string };
}

export function createAffiliateStatusSync({ leads, owners }: { leads: LeadFollower; owners: Pick<OutboxRepository, 'ownersOfAffiliate'> }) {
  return {
    /** Applies one reported change; an affiliate no lead owns is a 404 naming the id. */
    apply(input: unknown): AffiliateStatusSyncResult {
      const change = parseOrThrow(affiliateStatusChangeSchema, input, 'AffiliateWP status change');
      const [leadId] = owners.ownersOfAffiliate(change.affiliateId);
      if (!leadId) {
        throw new AppError(
          `No lead owns AffiliateWP affiliate #${change.affiliateId}: only an affiliate a lead's application created, or one a manager linked to a lead, moves a lead.`,
          { status: 404, code: 'affiliate_not_linked', details: { affiliateId: change.affiliateId } },
        );
      }
      if (change.previousStatus === change.status) {
        return { affiliateId: change.affiliateId, leadId, leadStatus: currentStatusOf(leadId), changed: false, reason: `the status stayed ${change.status}` };
      }
      if (change.status === 'pending') {
        // Back to pending in AffiliateWP is not a decision; the lead keeps what the manager chose.
        return { affiliateId: change.affiliateId, leadId, leadStatus: currentStatusOf(leadId), changed: false, reason: 'pending is not a decision' };
      }
      const by = change.actor.displayName || (change.actor.userId > 0 ? `WordPress user #${change.actor.userId}` : 'AffiliateWP');
      const outcome = leads.followAffiliateWp(leadId, {
        affiliateId: change.affiliateId,
        status: change.status,
        by,
        actorUserId: change.actor.userId > 0 ? change.actor.userId : null,
      });
      return { affiliateId: change.affiliateId, leadId, leadStatus: outcome.lead.status, changed: outcome.changed, ...(outcome.reason ? { reason: outcome.reason } : {}) };
    },
  };

  function currentStatusOf(leadId: string): Lead['status'] {
    return leads.get(leadId).status;
  }
}
export type AffiliateStatusSync = ReturnType<typeof createAffiliateStatusSync>;
