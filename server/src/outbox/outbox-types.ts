import type { ResponseSummary } from '../connectors/delivery-error';

export const JOB_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'dead', 'skipped'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Steps from an action definition, plus the ones the approval flow adds. */
export type JobStepType =
  | 'affiliatewp_application'
  | 'webhook'
  | 'email'
  | 'notify_manager'
  | 'reply'
  | 'affiliatewp_set_status'
  | 'affiliatewp_referral_url'
  | 'welcome_email'
  | 'rejection_email';

export interface OutboxJob {
  id: string;
  idempotencyKey: string;
  leadId: string;
  groupKey: string;
  trigger: string;
  stepId: string;
  stepType: JobStepType;
  stepLabel: string | null;
  seq: number;
  step: Record<string, unknown>;
  dependsOn: string[];
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  claimToken: string | null;
  lastError: string | null;
  response: ResponseSummary | null;
  result: Record<string, unknown> | null;
  actor: number | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** What the scheduler writes: a job before any attempt, in one of the states it can start in. */
export type NewJob = Pick<
  OutboxJob,
  'id' | 'idempotencyKey' | 'leadId' | 'groupKey' | 'trigger' | 'stepId' | 'stepType' | 'stepLabel' | 'seq' | 'step' | 'dependsOn' | 'maxAttempts' | 'nextAttemptAt' | 'lastError' | 'actor' | 'createdAt'
> & {
  status: 'pending' | 'skipped' | 'succeeded';
  /** Only for a step recorded as done when scheduled (e.g. a status already set in AffiliateWP). */
  result?: Record<string, unknown> | null;
};

export interface JobAttempt {
  attempt: number;
  outcome: 'succeeded' | 'retry' | 'failed' | 'dead' | 'released' | 'interrupted';
  startedAt: string;
  finishedAt: string;
  error: string | null;
  response: ResponseSummary | null;
}

/** What running a job produced; the worker turns it into the next status. */
export type JobOutcome =
  | { kind: 'succeeded'; response: ResponseSummary | null; result?: Record<string, unknown> }
  | { kind: 'retry'; error: string; response: ResponseSummary | null }
  | { kind: 'failed'; error: string; response: ResponseSummary | null; disableWebhookUrl?: string; /** The connector's error code, when it gave one. */ code?: string };
