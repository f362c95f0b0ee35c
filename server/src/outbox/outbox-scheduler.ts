import type { ActionDefinition } from '../contract/action-definition';
import { readDeliverySettings, type SettingsStore } from '../connectors/delivery-settings';
import { newId, nowIso } from '../core/ids';
import type { DecidedInAffiliateWp, LeadStepScheduler } from '../leads/lead-step-scheduler';
import type { Lead } from '../contract/lead-types';
import type { Clock } from '../core/clock';
import type { OutboxRepository } from './outbox-repository';
import type { JobStepType, NewJob } from './outbox-types';
import { evaluateCondition } from './step-conditions';
import { heldStepReason, mailsTypedAddress } from './step-holds';
import type { TypedMailCaps } from './typed-mail-caps';
import { approvalPlan, stepHandlerOf, type PlannedStep } from './steps';

/**
 * Turns a lead's steps into outbox jobs. Runs inside the lead's transaction (synchronous
 * better-sqlite3), so the lead and its jobs are committed together or not at all; nothing here
 * touches the network. Idempotency key = leadId:stepId:trigger, so scheduling twice is a no-op.
 */
export function createOutboxScheduler({
  repository,
  settings,
  clock,
  onScheduled,
  mailCaps,
}: {
  repository: Pick<OutboxRepository, 'insert' | 'groupsOfLead' | 'listGroup' | 'listByLead' | 'skipPendingOfGroup'>;
  settings: SettingsStore;
  clock: Clock;
  onScheduled: () => void;
  /** Caps on mail to visitor-typed addresses; without them nothing is capped (unit tests of the scheduler). */
  mailCaps?: TypedMailCaps;
}): LeadStepScheduler {
  function insertGroup(lead: Lead, trigger: string, planned: PlannedStep[], actor: number | null): void {
    const delivery = readDeliverySettings(settings);
    const createdAt = nowIso();
    const now = clock.now();
    const skipped = new Map<string, string>();
    planned.forEach((step, seq) => {
      const blockedBy = step.dependsOn.find((dependency) => skipped.has(dependency));
      const skipReason = step.skipReason ?? (blockedBy ? `Skipped: it depends on '${blockedBy}', which was skipped.` : undefined);
      if (skipReason) skipped.set(step.id, skipReason);
      const job: NewJob = {
        id: newId('job'),
        idempotencyKey: `${lead.id}:${step.id}:${trigger}`,
        leadId: lead.id,
        groupKey: `${lead.id}:${trigger}`,
        trigger,
        stepId: step.id,
        stepType: step.type,
        stepLabel: step.label,
        seq,
        step: step.step,
        dependsOn: step.dependsOn,
        status: skipReason ? 'skipped' : step.alreadyDone ? 'succeeded' : 'pending',
        maxAttempts: delivery.retry.maxAttempts,
        nextAttemptAt: now,
        lastError: skipReason ?? null,
        result: !skipReason && step.alreadyDone ? (step.result ?? null) : null,
        actor,
        createdAt,
      };
      repository.insert(job);
    });
    onScheduled();
  }

  /** Why a step of this type is skipped before any attempt, as its handler decides (steps/<type>.ts). */
  function skipReasonWhenScheduled(type: JobStepType): string | undefined {
    return stepHandlerOf(type)?.skipReasonWhenScheduled?.(readDeliverySettings(settings));
  }

  /** Mail the visitor set off to the address they typed counts against the caps (typed-mail-caps.ts). */
  function capReason(lead: Lead, step: { id: string; type: string; config?: unknown }, clientKey: string | null): string | undefined {
    if (!mailCaps || !lead.email || !mailsTypedAddress(step)) return undefined;
    return mailCaps.admit({ owner: { leadId: lead.id }, stepId: step.id, address: lead.email, clientKey });
  }

  /** The lead's earlier job of this type that succeeded (the welcome and rejection emails go out once). */
  function succeededBefore(leadId: string) {
    return (type: JobStepType) => repository.listByLead(leadId).find((job) => job.stepType === type && job.status === 'succeeded');
  }

  return {
    scheduleSteps(lead: Lead, definition: ActionDefinition, trigger: 'lead-created' | 'lead-resubmitted', context: { clientKey?: string | null } = {}) {
      // Every resubmission is its own event for CRMs and the manager, so it gets its own key.
      const triggerKey = trigger === 'lead-created' ? 'lead-created' : `lead-resubmitted-${lead.submissions}`;
      const planned = definition.steps.map((step): PlannedStep => {
        const condition = evaluateCondition(step.when, lead);
        return {
          id: step.id,
          type: step.type,
          label: step.label ?? null,
          dependsOn: step.dependsOn,
          step: step as unknown as Record<string, unknown>,
          skipReason: condition.met ? (heldStepReason(lead, step, definition) ?? skipReasonWhenScheduled(step.type) ?? capReason(lead, step, context.clientKey ?? null)) : condition.reason,
          // Done already (the chat shows reply steps itself): recorded so steps depending on it run.
          alreadyDone: stepHandlerOf(step.type)?.doneWhenScheduled,
        };
      });
      if (planned.length) insertGroup(lead, triggerKey, planned, null);
    },

    scheduleApproval(lead: Lead, decision: 'approved' | 'rejected', actorUserId: number, inAffiliateWp?: DecidedInAffiliateWp) {
      const earlier = repository.groupsOfLead(lead.id, 'approval-');
      const latest = earlier[earlier.length - 1];
      if (latest && latest.trigger.startsWith(`approval-${decision}-`)) return; // the same decision again: nothing new to do
      const trigger = `approval-${decision}-${earlier.length + 1}`;
      // Each step type plans its own part (steps/<type>.ts, planApproval).
      const planned = approvalPlan({ decision, lead, inAffiliateWp, settings: readDeliverySettings(settings), succeededBefore: succeededBefore(lead.id) });
      insertGroup(lead, trigger, planned, actorUserId);
    },

    scheduleDeactivation(lead: Lead, actorUserId: number) {
      const groups = repository.groupsOfLead(lead.id, 'approval-');
      // Undone before the approval's jobs ran: what has not started (the welcome email above all) never will.
      const approval = [...groups].reverse().find((group) => group.trigger.startsWith('approval-approved-'));
      if (approval) repository.skipPendingOfGroup(approval.groupKey, 'Skipped: the auto-approval was undone before this step ran.', nowIso());
      // Named like an approval group, so a later approval is a new decision (not "the same again").
      const trigger = `approval-undone-${groups.length + 1}`;
      insertGroup(lead, trigger, approvalPlan({ decision: 'undone', lead, settings: readDeliverySettings(settings), succeededBefore: succeededBefore(lead.id) }), actorUserId);
    },
  };
}
