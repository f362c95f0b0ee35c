import type { ActionDefinition } from '../contract/action-definition';
import type { Lead } from '../contract/lead-types';

/**
 * What happens after a lead is stored. Both methods run INSIDE the lead's SQLite transaction,
 * so a lead never exists without its scheduled steps (the outbox implements this durably).
 */
export interface LeadStepScheduler {
  /** `context.clientKey`: the visitor's keyed network address, for the caps on mail to typed addresses. */
  scheduleSteps(lead: Lead, definition: ActionDefinition, trigger: 'lead-created' | 'lead-resubmitted', context?: { clientKey?: string | null }): void;
  /** `inAffiliateWp`: the decision was made in AffiliateWP's own screens, so its status is set already. */
  scheduleApproval(lead: Lead, decision: 'approved' | 'rejected', actorUserId: number, inAffiliateWp?: DecidedInAffiliateWp): void;
  /** An undone auto-approval: the affiliate is set inactive through the same set-status step. */
  scheduleDeactivation(lead: Lead, actorUserId: number): void;
}

/** A status change AffiliateWP reported (its hook through the plugin, or a REST reconciliation). */
export interface DecidedInAffiliateWp {
  affiliateId: number;
  /** The AffiliateWP status now stored: active, rejected or inactive. */
  status: 'active' | 'rejected' | 'inactive';
  /** Who changed it, for the ledger and the activity log: a WordPress display name, or "AffiliateWP". */
  by: string;
}

/** Until an outbox is wired in: record what would run in the lead's event history. */
export function createRecordingStepScheduler(record: (leadId: string, type: string, data: unknown) => void): LeadStepScheduler {
  return {
    scheduleSteps(lead, definition, trigger) {
      record(lead.id, 'steps-scheduled', { trigger, steps: definition.steps.map((step) => ({ id: step.id, type: step.type })) });
    },
    scheduleApproval(lead, decision, actorUserId, inAffiliateWp) {
      record(lead.id, 'approval-scheduled', { decision, actorUserId, ...(inAffiliateWp ? { inAffiliateWp } : {}) });
    },
    scheduleDeactivation(lead, actorUserId) {
      record(lead.id, 'deactivation-scheduled', { actorUserId });
    },
  };
}
