import type { ActionStep } from '../../contract/action-definition';
import type { ConnectorDependencies } from '../../connectors';
import type { DeliverySettings } from '../../connectors/delivery-settings';
import type { ResponseSummary } from '../../connectors/delivery-error';
import type { SafeHttpClient } from '../../connectors/safe-http';
import type { Lead } from '../../contract/lead-types';
import type { AnswerField } from '../../contract/lead-answers';
import type { TranscriptMessage } from '../lead-payload';
import type { DecidedInAffiliateWp } from '../../leads/lead-step-scheduler';
import type { JobOutcome, JobStepType, OutboxJob } from '../outbox-types';

/**
 * What one step type is: how the scheduler plans it, what the playground shows it would send, and
 * how the worker runs it. Each type lives in its own file next to this one and is listed in
 * steps/index.ts, so a new step type touches one file (plus its config schema in
 * actions/action-definition.ts, which stays there because actions/ sits below outbox/).
 */
export interface StepHandler<Type extends JobStepType = JobStepType> {
  type: Type;
  /** Why the scheduler records this step as skipped before any attempt (e.g. AffiliateWP not connected). */
  skipReasonWhenScheduled?: (settings: DeliverySettings) => string | undefined;
  /** Set when the step is done by the time it is scheduled (the chat shows replies itself). */
  doneWhenScheduled?: string;
  /** What the step would send for this lead, with no I/O; only action step types have one. */
  preview?: (config: ActionStepConfig<Type>, context: PreviewContext) => Record<string, unknown>;
  /**
   * The step this type adds when a decision is scheduled (approval, rejection, an undone
   * auto-approval), or null when it takes no part in that decision. The approval group is these
   * steps in the registry's order (steps/index.ts).
   */
  planApproval?: (context: ApprovalPlanContext) => PlannedStep | null;
  /** Runs the job for an existing lead; may throw connector errors, which executeJob classifies. */
  execute: (job: OutboxJob, lead: Lead, context: StepRunContext) => Promise<JobOutcome>;
}

/** A step as the scheduler writes it into a group, before it becomes a job. */
export interface PlannedStep {
  id: string;
  type: JobStepType;
  label: string | null;
  dependsOn: string[];
  step: Record<string, unknown>;
  skipReason?: string;
  /** Done already when scheduled (recorded as succeeded so the steps depending on it run). */
  alreadyDone?: string;
  result?: Record<string, unknown>;
}

/** What a manager's (or AffiliateWP's) decision gives the step types that act on it. */
export interface ApprovalPlanContext {
  decision: 'approved' | 'rejected' | 'undone';
  lead: Lead;
  /** Decided in AffiliateWP's own screens: the status is stored there already. */
  inAffiliateWp?: DecidedInAffiliateWp;
  settings: DeliverySettings;
  /** This lead's earlier job of that type that succeeded, if any (the welcome kit goes out once). */
  succeededBefore: (type: JobStepType) => { finishedAt: string | null; updatedAt: string } | undefined;
}

/** The config an action definition gives a step of this type (never for the approval flow's steps). */
export type ActionStepConfig<Type extends JobStepType> = Extract<ActionStep, { type: Type }> extends { config: infer Config } ? Config : never;

export interface PreviewContext {
  lead: Lead;
  /** The action's fields, so previews show labels; absent → keys. */
  fields?: AnswerField[] | null;
  settings: DeliverySettings;
  transcript: TranscriptMessage[];
  now: string;
}

/** What the worker gives a job: the lead's world as it is now. Connectors are built per job from it. */
export interface ExecutionContext {
  lead: Lead | null;
  /** The affiliate this lead created or a manager linked to it; null when there is none. */
  ownAffiliateId: () => number | null;
  /** The lead's own AffiliateWP application is scheduled and not finished yet (an approval at creation waits for it). */
  ownApplicationPending?: () => boolean;
  settings: DeliverySettings;
  http: SafeHttpClient;
  secret: string;
  webhookSecret: () => string;
  nowSeconds: () => number;
  nowIso: () => string;
  transcript: (conversationId: string) => TranscriptMessage[] | null;
  /** The fields of the action version the lead came from (labels, option labels); null when unknown. */
  fieldsOf?: (lead: Lead) => AnswerField[] | null;
  /** The language of the lead's agent; the applicant emails' defaults are sent in it (null → English). */
  agentLanguage?: (agentId: string) => string | null;
  /** Results of the other jobs scheduled with this one (affiliate id, referral URL). */
  groupResults: Record<string, Record<string, unknown> | null>;
  isWebhookDisabled: (url: string) => string | null;
}

/** The execution context plus connector dependencies whose HTTP answers are recorded for the ledger. */
export interface StepRunContext extends ExecutionContext {
  connectors: ConnectorDependencies;
  /** The last recorded HTTP answer merged with `extra`, or null when there is neither. */
  lastAnswer: (extra?: Record<string, unknown>) => ResponseSummary | null;
}

/** The job's step config as stored: an object, whatever the type. */
export function configOf(job: OutboxJob): Record<string, unknown> {
  return (job.step.config ?? {}) as Record<string, unknown>;
}

export function affiliateWpNotConnected(settings: DeliverySettings): string | undefined {
  return settings.affiliatewp.transport === 'none'
    ? 'Skipped: AffiliateWP is not connected (Affiliate Agent → Settings, “AffiliateWP and notifications”, AffiliateWP transport).'
    : undefined;
}
