import crypto from 'node:crypto';
import type { RetrySettings } from '../connectors/delivery-settings';
import type { Logger } from '../logging/logger';
import { retryDelayMs } from './backoff';
import type { Clock } from '../core/clock';
import type { ClaimInput, FinishInput, OutboxRepository } from './outbox-repository';
import type { JobOutcome, OutboxJob } from './outbox-types';

/**
 * The in-process worker: claims due jobs under a lease, runs at most `concurrency` at once,
 * retries with backoff, dead-letters after the last attempt. A process that dies mid-job leaves
 * its lease behind; once it expires any worker claims the job again. `stop()` lets running jobs
 * finish for a grace period, then hands the rest back.
 */
export interface OutboxWorkerOptions {
  repository: OutboxRepository;
  run: (job: OutboxJob) => Promise<JobOutcome>;
  clock: Clock;
  retrySettings: () => RetrySettings;
  logger: Logger;
  concurrency?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  random?: () => number;
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const workerId = crypto.randomBytes(6).toString('hex');
  const inFlight = new Map<string, { job: OutboxJob; done: Promise<void> }>();
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeQueued = false;
  let processed = 0;

  const iso = () => new Date(options.clock.now()).toISOString();

  // Outcomes wait here for the next settle(): all that came in during one turn of the event loop
  // are written, with the claim for the slots they free, in one transaction (a commit per turn,
  // not two per job). A job's `done` resolves once its outcome is on disk.
  const settling: Array<{ finish: FinishInput; outcome: JobOutcome; settled: () => void }> = [];
  let settleQueued = false;

  /** The outcome as the ledger records it: succeeded, failed, dead after the last attempt, or due again after the backoff. */
  function finishOf(job: OutboxJob, outcome: JobOutcome, startedAt: string): FinishInput {
    const now = options.clock.now();
    const updatedAt = new Date(now).toISOString();
    if (outcome.kind === 'succeeded') {
      return { job, status: 'succeeded', lastError: null, response: outcome.response, result: outcome.result ?? null, nextAttemptAt: now, startedAt, updatedAt, attemptOutcome: 'succeeded' };
    }
    if (outcome.kind === 'failed') {
      return {
        job,
        status: 'failed',
        lastError: outcome.error,
        response: outcome.response,
        nextAttemptAt: now,
        startedAt,
        updatedAt,
        attemptOutcome: 'failed',
        disableWebhook: outcome.disableWebhookUrl ? { url: outcome.disableWebhookUrl, reason: outcome.error } : undefined,
      };
    }
    if (job.attempts >= job.maxAttempts) {
      return { job, status: 'dead', lastError: `${outcome.error} (gave up after ${job.attempts} attempts)`, response: outcome.response, nextAttemptAt: now, startedAt, updatedAt, attemptOutcome: 'dead' };
    }
    const nextAttemptAt = now + retryDelayMs(job.attempts, options.retrySettings(), options.random);
    return { job, status: 'pending', lastError: outcome.error, response: outcome.response, nextAttemptAt, startedAt, updatedAt, attemptOutcome: 'retry' };
  }

  async function execute(job: OutboxJob): Promise<void> {
    const startedAt = iso();
    let outcome: JobOutcome;
    try {
      outcome = await options.run(job);
    } catch (error) {
      outcome = { kind: 'retry', error: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, response: null };
    }
    let finish: FinishInput;
    try {
      finish = finishOf(job, outcome, startedAt);
    } catch (error) {
      options.logger.warn('could not record an outbox outcome', { jobId: job.id, error: String(error) });
      return;
    }
    await new Promise<void>((settled) => {
      settling.push({ finish, outcome, settled });
      queueSettle();
    });
  }

  function queueSettle(): void {
    if (settleQueued) return;
    settleQueued = true;
    setImmediate(settle);
  }

  function claimInput(free: number): ClaimInput {
    const now = options.clock.now();
    return { now, limit: free, leaseMs, token: `${workerId}.${crypto.randomBytes(6).toString('hex')}`, updatedAt: new Date(now).toISOString() };
  }

  /** Writes the outcomes that came in and, while running, claims what they unblocked, in one transaction. */
  function settle(): void {
    settleQueued = false;
    const batch = settling.splice(0);
    for (const entry of batch) inFlight.delete(entry.finish.job.id);
    const free = concurrency - inFlight.size;
    let claimed: OutboxJob[] = [];
    try {
      claimed = options.repository.settle({ finishes: batch.map((entry) => entry.finish), claim: running && free > 0 ? claimInput(free) : null }).claimed;
      batch.forEach(recorded);
    } catch (error) {
      // The batch rolled back as a whole: record each outcome on its own, so one bad write (or a
      // failed claim) does not cost the others; a claim failure is retried by the next wake or poll.
      options.logger.warn('outbox batch write failed; writing each outcome on its own', { jobs: batch.length, error: String(error) });
      for (const entry of batch) {
        try {
          options.repository.finish(entry.finish);
          recorded(entry);
        } catch (finishError) {
          // The database closed under us (shutdown): the lease expires and another run picks the job up.
          options.logger.warn('could not record an outbox outcome', { jobId: entry.finish.job.id, error: String(finishError) });
        }
      }
      wake();
    }
    claimed.forEach(startJob);
    for (const entry of batch) entry.settled();
  }

  function recorded(entry: { finish: FinishInput; outcome: JobOutcome }): void {
    processed += 1;
    const { job } = entry.finish;
    if (entry.outcome.kind !== 'succeeded') options.logger.warn('outbox job did not succeed', { jobId: job.id, step: job.stepId, attempt: job.attempts, outcome: entry.outcome.kind, error: entry.outcome.error });
  }

  function startJob(job: OutboxJob): Promise<void> {
    const done = execute(job).finally(() => {
      // Normally gone already (settle() removes it before claiming); not when its outcome could not be computed.
      if (inFlight.delete(job.id) && running) wake();
    });
    inFlight.set(job.id, { job, done });
    return done;
  }

  /** Claims as many due jobs as there are free slots and starts them; returns their completions. */
  function claimAndStart(): Promise<void>[] {
    const free = concurrency - inFlight.size;
    if (free <= 0) return [];
    let jobs: OutboxJob[];
    try {
      jobs = options.repository.claimDue(claimInput(free));
    } catch (error) {
      options.logger.error('outbox claim failed', { error: String(error) });
      return [];
    }
    return jobs.map(startJob);
  }

  function wake(): void {
    if (!running || wakeQueued) return;
    wakeQueued = true;
    setImmediate(() => {
      wakeQueued = false;
      if (running) claimAndStart();
    });
  }

  function loop(): void {
    if (!running) return;
    claimAndStart();
    timer = setTimeout(loop, pollIntervalMs);
    timer.unref?.();
  }

  return {
    id: workerId,
    start(): void {
      if (running) return;
      running = true;
      loop();
    },
    /** New jobs were committed: claim them now rather than at the next poll. */
    wake,
    /**
     * Runs everything due now, and what that unblocks, until nothing is left (tests with a manual
     * clock). Works whether or not the worker was started.
     */
    async runDue(): Promise<number> {
      let total = 0;
      for (;;) {
        const started = claimAndStart();
        if (started.length === 0 && inFlight.size === 0) return total;
        total += started.length;
        await Promise.race([...inFlight.values()].map((entry) => entry.done));
      }
    },
    async stop({ graceMs = 10_000 }: { graceMs?: number } = {}): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (inFlight.size === 0) return;
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...inFlight.values()].map((entry) => entry.done)),
        new Promise<void>((resolve) => {
          graceTimer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      const now = options.clock.now();
      for (const { job } of inFlight.values()) {
        try {
          options.repository.release(job, now, new Date(now).toISOString());
        } catch (error) {
          options.logger.warn('could not release an outbox claim', { jobId: job.id, error: String(error) });
        }
      }
    },
    stats: () => ({ inFlight: inFlight.size, processed, running }),
  };
}
export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
