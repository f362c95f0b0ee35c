import type { ZodType } from 'zod';
import type { Database } from '../db/database';
import { jsonShapes, readJsonColumn, writeJsonColumn, writeNullableJsonColumn } from '../db/json-column';
import type { ResponseSummary } from '../connectors/delivery-error';
import type { JobAttempt, JobStatus, NewJob, OutboxJob } from './outbox-types';

/**
 * The only code that touches the outbox tables. Claims run in an IMMEDIATE transaction, so two
 * workers (or a worker restarted while an old lease is still on record) never hold the same job.
 */
interface JobRow {
  id: string;
  idempotency_key: string;
  lead_id: string;
  group_key: string;
  trigger: string;
  step_id: string;
  step_type: string;
  step_label: string | null;
  seq: number;
  step: string;
  depends_on: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  claim_token: string | null;
  last_error: string | null;
  response: string | null;
  result: string | null;
  skipped_by: string | null;
  actor: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

function toJob(row: JobRow): OutboxJob {
  const cell = (column: string, schema: ZodType = jsonShapes.object) => ({ column: `outbox_jobs.${column}`, rowId: row.id, schema });
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    leadId: row.lead_id,
    groupKey: row.group_key,
    trigger: row.trigger,
    stepId: row.step_id,
    stepType: row.step_type as OutboxJob['stepType'],
    stepLabel: row.step_label,
    seq: row.seq,
    step: readJsonColumn<Record<string, unknown>>(row.step, {}, cell('step')),
    dependsOn: readJsonColumn<string[]>(row.depends_on, [], cell('depends_on', jsonShapes.strings)),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    claimToken: row.claim_token,
    lastError: row.last_error,
    response: readJsonColumn<ResponseSummary | null>(row.response, null, cell('response')),
    result: readJsonColumn<Record<string, unknown> | null>(row.result, null, cell('result')),
    actor: row.actor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

// A pending job is due when its time has come, the steps it depends on succeeded, and every
// earlier step of its group has been tried once (steps start in their defined order). Walking the
// (status, next_attempt_at) index in order lets LIMIT stop early however long the queue is.
const DUE_PENDING = `
  SELECT j.id FROM outbox_jobs AS j INDEXED BY outbox_jobs_due
  WHERE j.status = 'pending' AND j.next_attempt_at <= @now
    AND NOT EXISTS (
      SELECT 1 FROM json_each(j.depends_on) AS d
      JOIN outbox_jobs AS p ON p.group_key = j.group_key AND p.step_id = d.value
      WHERE p.status <> 'succeeded')
    AND NOT EXISTS (
      SELECT 1 FROM outbox_jobs AS e
      WHERE e.group_key = j.group_key AND e.seq < j.seq
        AND ((e.status = 'pending' AND e.attempts = 0) OR (e.status = 'running' AND e.attempts <= 1)))
  ORDER BY j.next_attempt_at
  LIMIT @limit`;

// A running job whose lease expired belonged to a process that died: it is due again.
const EXPIRED_LEASES = `SELECT id, attempts, updated_at FROM outbox_jobs INDEXED BY outbox_jobs_lease WHERE status = 'running' AND lease_until <= @now ORDER BY lease_until LIMIT @limit`;

/** A claim's outcome, written only with the claim's token. */
export interface FinishInput {
  job: OutboxJob;
  status: Exclude<JobStatus, 'running'>;
  lastError: string | null;
  response: ResponseSummary | null;
  result?: Record<string, unknown> | null;
  nextAttemptAt: number;
  startedAt: string;
  updatedAt: string;
  attemptOutcome: JobAttempt['outcome'];
  disableWebhook?: { url: string; reason: string };
}

export interface ClaimInput {
  now: number;
  limit: number;
  leaseMs: number;
  token: string;
  updatedAt: string;
}

export function createOutboxRepository(db: Database) {
  const statements = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO outbox_jobs (id, idempotency_key, lead_id, group_key, trigger, step_id, step_type, step_label, seq, step, depends_on,
         status, attempts, max_attempts, next_attempt_at, last_error, result, actor, created_at, updated_at, finished_at)
       VALUES (@id, @idempotencyKey, @leadId, @groupKey, @trigger, @stepId, @stepType, @stepLabel, @seq, @step, @dependsOn,
         @status, 0, @maxAttempts, @nextAttemptAt, @lastError, @result, @actor, @createdAt, @createdAt, @finishedAt)`,
    ),
    expired: db.prepare(EXPIRED_LEASES),
    duePending: db.prepare(DUE_PENDING),
    claim: db.prepare(
      `UPDATE outbox_jobs SET status = 'running', attempts = attempts + 1, lease_until = @leaseUntil, claim_token = @token, updated_at = @updatedAt
       WHERE id = @id RETURNING *`,
    ),
    finish: db.prepare(
      `UPDATE outbox_jobs SET status = @status, lease_until = NULL, claim_token = NULL, last_error = @lastError, response = @response,
         result = COALESCE(@result, result), next_attempt_at = @nextAttemptAt, updated_at = @updatedAt, finished_at = @finishedAt
       WHERE id = @id AND claim_token = @token AND status = 'running'`,
    ),
    release: db.prepare(
      `UPDATE outbox_jobs SET status = 'pending', lease_until = NULL, claim_token = NULL, attempts = MAX(attempts - 1, 0), next_attempt_at = @now, updated_at = @updatedAt
       WHERE id = @id AND claim_token = @token AND status = 'running'`,
    ),
    attempt: db.prepare(
      `INSERT INTO outbox_attempts (job_id, attempt, outcome, started_at, finished_at, error, response) VALUES (@jobId, @attempt, @outcome, @startedAt, @finishedAt, @error, @response)`,
    ),
    byId: db.prepare('SELECT * FROM outbox_jobs WHERE id = ?'),
    byLead: db.prepare('SELECT * FROM outbox_jobs WHERE lead_id = ? ORDER BY created_at, group_key, seq'),
    byGroup: db.prepare('SELECT * FROM outbox_jobs WHERE group_key = ? ORDER BY seq'),
    groupsOfLead: db.prepare("SELECT DISTINCT group_key, trigger FROM outbox_jobs WHERE lead_id = ? AND trigger LIKE ? ORDER BY created_at"),
    attempts: db.prepare('SELECT * FROM outbox_attempts WHERE job_id = ? ORDER BY id'),
    pendingDependents: db.prepare(
      `SELECT j.* FROM outbox_jobs AS j, json_each(j.depends_on) AS d WHERE j.group_key = ? AND d.value = ? AND j.status = 'pending'`,
    ),
    skip: db.prepare(`UPDATE outbox_jobs SET status = 'skipped', skipped_by = @skippedBy, last_error = @reason, updated_at = @updatedAt, finished_at = @updatedAt WHERE id = @id`),
    skipPendingOfGroup: db.prepare(
      `UPDATE outbox_jobs SET status = 'skipped', last_error = @reason, updated_at = @updatedAt, finished_at = @updatedAt WHERE group_key = @groupKey AND status = 'pending'`,
    ),
    skippedBy: db.prepare(`SELECT * FROM outbox_jobs WHERE group_key = ? AND skipped_by = ? AND status = 'skipped'`),
    revive: db.prepare(
      `UPDATE outbox_jobs SET status = 'pending', attempts = 0, next_attempt_at = @now, lease_until = NULL, claim_token = NULL, skipped_by = NULL,
         finished_at = NULL, actor = COALESCE(@actor, actor), updated_at = @updatedAt WHERE id = @id`,
    ),
    counts: db.prepare('SELECT status, COUNT(*) AS count FROM outbox_jobs GROUP BY status'),
    nextDue: db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox_jobs WHERE status = 'pending'"),
    isDisabled: db.prepare('SELECT reason FROM webhook_endpoints_disabled WHERE url = ?'),
    disable: db.prepare('INSERT OR REPLACE INTO webhook_endpoints_disabled (url, reason, disabled_at) VALUES (?, ?, ?)'),
    enable: db.prepare('DELETE FROM webhook_endpoints_disabled WHERE url = ?'),
    listDisabled: db.prepare('SELECT url, reason, disabled_at FROM webhook_endpoints_disabled ORDER BY disabled_at'),
    // Webhook deliveries that failed because their endpoint was (or became) disabled, by endpoint URL.
    failedByEndpoint: db.prepare(
      `SELECT * FROM outbox_jobs INDEXED BY outbox_jobs_due WHERE status IN ('failed', 'dead') AND step_type = 'webhook'
         AND (last_error LIKE @disabledPattern OR last_error LIKE @gonePattern) ORDER BY created_at`,
    ),
    // The leads that own an AffiliateWP affiliate: linked by a manager, created by the lead's own
    // application step, or activated/rejected by its approval step. Never a lead matched by email.
    ownersOfAffiliate: db.prepare(
      `SELECT id, created_at FROM leads INDEXED BY leads_affiliate WHERE affiliate_id = @affiliateId AND affiliate_id IS NOT NULL
       UNION
       SELECT l.id, l.created_at FROM outbox_jobs AS j INDEXED BY outbox_jobs_affiliate JOIN leads AS l ON l.id = j.lead_id
       WHERE j.status = 'succeeded' AND j.step_type IN ('affiliatewp_application', 'affiliatewp_set_status')
         AND json_extract(j.result, '$.affiliateId') = @affiliateId
         AND (j.step_type <> 'affiliatewp_application' OR json_extract(j.result, '$.created') = 1)
       ORDER BY created_at DESC`,
    ),
    // Undecided leads with an affiliate of their own: the only ones a reconciliation needs to read.
    undecidedWithAffiliate: db.prepare(
      `SELECT id AS leadId, affiliateId, created_at AS createdAt FROM (
         SELECT l.id, l.created_at, COALESCE(l.affiliate_id, (
           SELECT json_extract(j.result, '$.affiliateId') FROM outbox_jobs AS j INDEXED BY outbox_jobs_lead
           WHERE j.lead_id = l.id AND j.step_type = 'affiliatewp_application' AND j.status = 'succeeded' AND json_extract(j.result, '$.created') = 1
           LIMIT 1)) AS affiliateId
         FROM leads AS l WHERE l.status IN ('new', 'contacted'))
       WHERE affiliateId IS NOT NULL AND created_at > @after ORDER BY created_at LIMIT @limit`,
    ),
  };

  /** Marks every pending job that (transitively) depends on `stepId` as skipped. */
  function skipDependents(groupKey: string, stepId: string, reason: string, updatedAt: string): void {
    const queue = [stepId];
    while (queue.length) {
      const current = queue.shift()!;
      for (const row of statements.pendingDependents.all(groupKey, current) as JobRow[]) {
        statements.skip.run({ id: row.id, skippedBy: stepId, reason, updatedAt });
        queue.push(row.step_id);
      }
    }
  }

  const repository = {
    /** Inside the caller's transaction; false when a job with this idempotency key already exists. */
    insert(job: NewJob): boolean {
      const result = statements.insert.run({
        ...job,
        step: writeJsonColumn(job.step),
        dependsOn: writeJsonColumn(job.dependsOn),
        finishedAt: job.status === 'pending' ? null : job.createdAt,
        result: job.result ? JSON.stringify(job.result) : null,
      });
      return result.changes > 0;
    },

    claimDue(input: ClaimInput): OutboxJob[] {
      if (input.limit <= 0) return [];
      return db
        .transaction(() => {
          const expired = statements.expired.all({ now: input.now, limit: input.limit }) as Array<{ id: string; attempts: number; updated_at: string }>;
          // The attempt a dead process started never reported; the ledger says so rather than forget it.
          for (const cut of expired) {
            statements.attempt.run({
              jobId: cut.id,
              attempt: cut.attempts,
              outcome: 'interrupted',
              startedAt: cut.updated_at,
              finishedAt: input.updatedAt,
              error: 'Cut short: the process running this attempt stopped before it finished (its lease expired); tried again.',
              response: null,
            });
          }
          const pending = expired.length < input.limit ? (statements.duePending.all({ now: input.now, limit: input.limit - expired.length }) as Array<{ id: string }>) : [];
          const ids = [...expired, ...pending];
          return ids.map(({ id }) =>
            toJob(statements.claim.get({ id, leaseUntil: input.now + input.leaseMs, token: input.token, updatedAt: input.updatedAt }) as JobRow),
          );
        })
        .immediate();
    },

    /** Records the outcome of a claim; ignored (false) when the lease was lost to another worker meanwhile. */
    finish(input: FinishInput): boolean {
      return db
        .transaction(() => {
          const changed = statements.finish.run({
            id: input.job.id,
            token: input.job.claimToken,
            status: input.status,
            lastError: input.lastError,
            response: writeNullableJsonColumn(input.response),
            result: writeNullableJsonColumn(input.result),
            nextAttemptAt: input.nextAttemptAt,
            updatedAt: input.updatedAt,
            finishedAt: input.status === 'pending' ? null : input.updatedAt,
          }).changes;
          if (changed === 0) return false;
          statements.attempt.run({
            jobId: input.job.id,
            attempt: input.job.attempts,
            outcome: input.attemptOutcome,
            startedAt: input.startedAt,
            finishedAt: input.updatedAt,
            error: input.lastError,
            response: writeNullableJsonColumn(input.response),
          });
          if (input.status === 'failed' || input.status === 'dead') {
            skipDependents(input.job.groupKey, input.job.stepId, `Skipped: it depends on '${input.job.stepId}', which ${input.status === 'dead' ? 'ran out of attempts' : 'failed'}.`, input.updatedAt);
          }
          if (input.disableWebhook) statements.disable.run(input.disableWebhook.url, input.disableWebhook.reason, input.updatedAt);
          return true;
        })
        .immediate();
    },

    /**
     * The worker's one write per turn of the event loop: the outcomes that came in since the last
     * one, then a claim for the slots they freed, in a single IMMEDIATE transaction (one commit
     * instead of two per job). `recorded[i]` is what finish() would have answered for `finishes[i]`.
     */
    settle(input: { finishes: FinishInput[]; claim: ClaimInput | null }): { recorded: boolean[]; claimed: OutboxJob[] } {
      return db
        .transaction(() => {
          const recorded = input.finishes.map((finish) => repository.finish(finish));
          const claimed = input.claim ? repository.claimDue(input.claim) : [];
          return { recorded, claimed };
        })
        .immediate();
    },

    /** Hands a claimed job back (graceful shutdown): due at once, the unfinished attempt not counted. */
    release(job: OutboxJob, now: number, updatedAt: string): boolean {
      return statements.release.run({ id: job.id, token: job.claimToken, now, updatedAt }).changes > 0;
    },

    /** A manager's replay: the job and the steps it had blocked run again with fresh attempts. */
    replay(job: OutboxJob, input: { now: number; actor: number; updatedAt: string }): void {
      db.transaction(() => {
        statements.revive.run({ id: job.id, now: input.now, actor: input.actor, updatedAt: input.updatedAt });
        const queue = [job.stepId];
        while (queue.length) {
          const current = queue.shift()!;
          for (const row of statements.skippedBy.all(job.groupKey, current) as JobRow[]) {
            statements.revive.run({ id: row.id, now: input.now, actor: null, updatedAt: input.updatedAt });
          }
        }
        const url = typeof job.step.config === 'object' && job.step.config && 'url' in job.step.config ? String((job.step.config as { url: unknown }).url) : null;
        if (url) statements.enable.run(url);
      }).immediate();
    },

    /**
     * Inside the caller's transaction: the group's jobs not yet claimed are skipped with `reason`
     * (an undone decision). A job a worker holds right now is left to finish; it cannot be recalled.
     */
    skipPendingOfGroup(groupKey: string, reason: string, updatedAt: string): number {
      return statements.skipPendingOfGroup.run({ groupKey, reason, updatedAt }).changes;
    },

    findById(id: string): OutboxJob | null {
      const row = statements.byId.get(id) as JobRow | undefined;
      return row ? toJob(row) : null;
    },
    listByLead(leadId: string): OutboxJob[] {
      return (statements.byLead.all(leadId) as JobRow[]).map(toJob);
    },
    listGroup(groupKey: string): OutboxJob[] {
      return (statements.byGroup.all(groupKey) as JobRow[]).map(toJob);
    },
    /** Earlier groups of a lead whose trigger starts with `prefix` (approval decisions). */
    groupsOfLead(leadId: string, prefix: string): Array<{ groupKey: string; trigger: string }> {
      return (statements.groupsOfLead.all(leadId, `${prefix}%`) as Array<{ group_key: string; trigger: string }>).map((row) => ({ groupKey: row.group_key, trigger: row.trigger }));
    },
    attemptsOf(jobId: string): JobAttempt[] {
      return (statements.attempts.all(jobId) as Array<{ attempt: number; outcome: JobAttempt['outcome']; started_at: string; finished_at: string; error: string | null; response: string | null }>).map((row) => ({
        attempt: row.attempt,
        outcome: row.outcome,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        error: row.error,
        response: readJsonColumn<ResponseSummary | null>(row.response, null, { column: 'outbox_attempts.response', rowId: `${jobId}#${row.attempt}`, schema: jsonShapes.object }),
      }));
    },
    countsByStatus(): Record<JobStatus, number> {
      const counts = { pending: 0, running: 0, succeeded: 0, failed: 0, dead: 0, skipped: 0 } as Record<JobStatus, number>;
      for (const row of statements.counts.all() as Array<{ status: JobStatus; count: number }>) counts[row.status] = row.count;
      return counts;
    },
    nextDueAt(): number | null {
      return (statements.nextDue.get() as { at: number | null }).at;
    },
    /** Endpoints switched off after a 410 Gone, with why and since when. */
    listDisabledEndpoints(): Array<{ url: string; reason: string; disabledAt: string }> {
      return (statements.listDisabled.all() as Array<{ url: string; reason: string; disabled_at: string }>).map((row) => ({ url: row.url, reason: row.reason, disabledAt: row.disabled_at }));
    },
    /** Failed webhook deliveries whose last error starts with one of the prefixes (the endpoint was off, or answered 410). */
    failedWhileDisabled(errorMarkers: { disabledPrefix: string; goneText: string }): OutboxJob[] {
      return (statements.failedByEndpoint.all({ disabledPattern: `${errorMarkers.disabledPrefix}%`, gonePattern: `%${errorMarkers.goneText}%` }) as JobRow[]).map(toJob);
    },
    /** Newest first; usually one lead (the one whose application created the affiliate). */
    ownersOfAffiliate(affiliateId: number): string[] {
      return (statements.ownersOfAffiliate.all({ affiliateId }) as Array<{ id: string }>).map((row) => row.id);
    },
    /** Up to `limit` undecided leads with their own affiliate, oldest first, created after `after` (paging). */
    undecidedLeadsWithAffiliate(input: { limit: number; after?: string }): Array<{ leadId: string; affiliateId: number; createdAt: string }> {
      return (statements.undecidedWithAffiliate.all({ limit: input.limit, after: input.after ?? '' }) as Array<{ leadId: string; affiliateId: number; createdAt: string }>).map((row) => ({
        leadId: row.leadId,
        affiliateId: Number(row.affiliateId),
        createdAt: row.createdAt,
      }));
    },
    /** Switches an endpoint on again (a manager replaying its deliveries says it is back). */
    enableEndpoint(url: string): void {
      statements.enable.run(url);
    },
    disabledReason(url: string): string | null {
      return (statements.isDisabled.get(url) as { reason: string } | undefined)?.reason ?? null;
    },
  };
  return repository;
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
