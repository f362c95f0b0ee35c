import crypto from 'node:crypto';
import type { RetrySettings } from '../connectors/delivery-settings';
import type { Logger } from '../logging/logger';
import { retryDelayMs } from './backoff';
import type { Clock } from '../core/clock';
import type { OutboxRepository } from './outbox-repository';
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

  async function execute(job: OutboxJob): Promise<void> {
    const startedAt = iso();
    let outcome: JobOutcome;
    try {
      outcome = await options.run(job);
    } catch (error) {
      outcome = { kind: 'retry', error: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, response: null };
    }
    const now = options.clock.now();
    const updatedAt = new Date(now).toISOString();
    try {
      if (outcome.kind === 'succeeded') {
        options.repository.finish({ job, status: 'succeeded', lastError: null, response: outcome.response, result: outcome.result ?? null, nextAttemptAt: now, startedAt, updatedAt, attemptOutcome: 'succeeded' });
      } else if (outcome.kind === 'failed') {
        options.repository.finish({
          job,
          status: 'failed',
          lastError: outcome.error,
          response: outcome.response,
          nextAttemptAt: now,
          startedAt,
          updatedAt,
          attemptOutcome: 'failed',
          disableWebhook: outcome.disableWebhookUrl ? { url: outcome.disableWebhookUrl, reason: outcome.error } : undefined,
        });
      } else if (job.attempts >= job.maxAttempts) {
        options.repository.finish({ job, status: 'dead', lastError: `${outcome.error} (gave up after ${job.attempts} attempts)`, response: outcome.response, nextAttemptAt: now, startedAt, updatedAt, attemptOutcome: 'dead' });
      } else {
        const nextAttemptAt = now + retryDelayMs(job.attempts, options.retrySettings(), options.random);
        options.repository.finish({ job, status: 'pending', lastError: outcome.error, response: outcome.response, nextAttemptAt, startedAt, updatedAt, attemptOutcome: 'retry' });
      }
      processed += 1;
      if (outcome.kind !== 'succeeded') options.logger.warn('outbox job did not succeed', { jobId: job.id, step: job.stepId, attempt: job.attempts, outcome: outcome.kind, error: outcome.error });
    } catch (error) {
      // The database closed under us (shutdown): the lease expires and another run picks the job up.
      options.logger.warn('could not record an outbox outcome', { jobId: job.id, error: String(error) });
    }
  }

  /** Claims as many due jobs as there are free slots and starts them; returns their completions. */
  function claimAndStart(): Promise<void>[] {
    const free = concurrency - inFlight.size;
    if (free <= 0) return [];
    const now = options.clock.now();
    let jobs: OutboxJob[];
    try {
      jobs = options.repository.claimDue({ now, limit: free, leaseMs, token: `${workerId}.${crypto.randomBytes(6).toString('hex')}`, updatedAt: new Date(now).toISOString() });
    } catch (error) {
      options.logger.error('outbox claim failed', { error: String(error) });
      return [];
    }
    return jobs.map((job) => {
      const done = execute(job).finally(() => {
        inFlight.delete(job.id);
        // A finished job may unblock the next step of its group: look again at once.
        if (running) wake();
      });
      inFlight.set(job.id, { job, done });
      return done;
    });
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
