import crypto from 'node:crypto';
import type { Database } from '../db/database';
import type { Logger } from '../logging/logger';
import type { Lead } from '../contract/lead-types';
import type { AnswerField } from '../contract/lead-answers';
import { ConflictError, NotFoundError, AppError } from '../core/errors';
import { ensureWebhookSecret, readDeliverySettings, type SettingsStore } from '../connectors/delivery-settings';
import { createSafeHttpClient, type SafeHttpClient } from '../connectors/safe-http';
import type { Resolver } from '../connectors/ssrf-guard';
import { CONNECTORS } from '../connectors';
import { DeliveryError } from '../connectors/delivery-error';
import { systemClock, type Clock } from '../core/clock';
import { createOutboxRepository } from './outbox-repository';
import { createTypedMailCaps } from './typed-mail-caps';
import { createTypedMailRepository } from './typed-mail-repository';
import { createOutboxScheduler } from './outbox-scheduler';
import { createOutboxWorker } from './outbox-worker';
import { executeJob } from './step-executors';
import { samplePayload, type TranscriptMessage } from './lead-payload';
import type { JobOutcome, OutboxJob } from './outbox-types';
import type { WebhookTestResult } from '../contract/webhook-test';
import { HELD_PREFIX } from './step-holds';
import { ENDPOINT_DISABLED_PREFIX, ENDPOINT_GONE_TEXT } from './steps/webhook';

/**
 * The outbox as the rest of the service sees it: a LeadStepScheduler for the lead service, a
 * worker to start and stop, the delivery ledger and replay for managers, and the webhook test send.
 */
export interface OutboxOptions {
  db: Database;
  leads: { findById(id: string): Lead | null };
  settings: SettingsStore;
  secret: string;
  logger: Logger;
  transcript?: (conversationId: string) => TranscriptMessage[] | null;
  /** The fields of the action version a lead came from, for labels in the manager's email. */
  fieldsOf?: (lead: Lead) => AnswerField[] | null;
  /** The language of a lead's agent (a tag such as de or pt-BR), so applicant emails' defaults follow it. */
  agentLanguage?: (agentId: string) => string | null;
  clock?: Clock;
  /** Tests inject a resolver to prove that DNS names pointing at private addresses are refused. */
  resolver?: Resolver;
  concurrency?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  random?: () => number;
  /** Told every attempt's outcome (metrics: deliveries by connector and status). */
  onOutcome?: (job: OutboxJob, outcome: JobOutcome) => void;
}

export function createOutbox(options: OutboxOptions) {
  const clock = options.clock ?? systemClock;
  const repository = createOutboxRepository(options.db);
  const http: SafeHttpClient = createSafeHttpClient(() => ({ allowHosts: readDeliverySettings(options.settings).network.allowHosts, resolver: options.resolver }));
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  const nowIso = () => new Date(clock.now()).toISOString();

  function groupResults(job: OutboxJob): Record<string, Record<string, unknown> | null> {
    return Object.fromEntries(repository.listGroup(job.groupKey).map((sibling) => [sibling.stepId, sibling.result]));
  }

  /**
   * The affiliate approve/reject may act on: one a manager linked to the lead, or one this lead's own
   * application step created. Never one merely matched by email (issue 12, attack 4).
   */
  function ownAffiliateOf(leadId: string, linked: number | null): number | null {
    if (linked !== null) return linked;
    const created = repository
      .listByLead(leadId)
      .find((job) => job.stepType === 'affiliatewp_application' && job.status === 'succeeded' && job.result?.created === true && typeof job.result.affiliateId === 'number');
    return created ? (created.result!.affiliateId as number) : null;
  }

  const worker = createOutboxWorker({
    repository,
    clock,
    logger: options.logger,
    concurrency: options.concurrency,
    leaseMs: options.leaseMs,
    pollIntervalMs: options.pollIntervalMs,
    random: options.random,
    retrySettings: () => readDeliverySettings(options.settings).retry,
    run: (job) =>
      runJob(job, {
        lead: options.leads.findById(job.leadId),
        ownAffiliateId: () => ownAffiliateOf(job.leadId, options.leads.findById(job.leadId)?.affiliateId ?? null),
        ownApplicationPending: () => repository.listByLead(job.leadId).some((other) => other.stepType === 'affiliatewp_application' && (other.status === 'pending' || other.status === 'running')),
        settings: readDeliverySettings(options.settings),
        http,
        secret: options.secret,
        webhookSecret: () => ensureWebhookSecret(options.settings),
        nowSeconds,
        nowIso,
        transcript: (conversationId) => {
          try {
            return options.transcript?.(conversationId) ?? null;
          } catch {
            return null;
          }
        },
        fieldsOf: options.fieldsOf,
        agentLanguage: options.agentLanguage,
        groupResults: groupResults(job),
        isWebhookDisabled: (url) => repository.disabledReason(url),
      }),
  });

  async function runJob(job: OutboxJob, context: Parameters<typeof executeJob>[1]): Promise<JobOutcome> {
    const outcome = await executeJob(job, context);
    options.onOutcome?.(job, outcome);
    return outcome;
  }

  const mailCaps = createTypedMailCaps({ repository: createTypedMailRepository(options.db), secret: options.secret, clock });
  const scheduler = createOutboxScheduler({ repository, settings: options.settings, clock, onScheduled: () => worker.wake(), mailCaps });

  function ledgerEntry(job: OutboxJob) {
    return {
      id: job.id,
      stepId: job.stepId,
      stepType: job.stepType,
      // Webhooks: the endpoint, so the ledger can offer to replay everything that failed there.
      endpointUrl: job.stepType === 'webhook' ? webhookUrlOf(job) : null,
      label: job.stepLabel,
      trigger: job.trigger,
      status: job.status,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      nextAttemptAt: job.status === 'pending' ? new Date(job.nextAttemptAt).toISOString() : null,
      lastError: job.lastError,
      response: job.response,
      result: job.result,
      dependsOn: job.dependsOn,
      replayable: isReplayable(job),
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      finishedAt: job.finishedAt,
      history: repository.attemptsOf(job.id),
    };
  }

  // A step held for the manager (step-holds.ts) runs once the manager replays it: that is the release.
  const isReplayable = (job: { status: string; lastError: string | null }) =>
    job.status === 'failed' || job.status === 'dead' || (job.status === 'skipped' && (job.lastError ?? '').startsWith(HELD_PREFIX));

  const webhookUrlOf = (job: OutboxJob) => {
    const config = job.step.config as { url?: unknown } | undefined;
    return typeof config?.url === 'string' ? config.url : null;
  };
  const failedWhileDisabled = () => repository.failedWhileDisabled({ disabledPrefix: ENDPOINT_DISABLED_PREFIX, goneText: ENDPOINT_GONE_TEXT });

  return {
    scheduler,
    worker,
    repository,
    clock,
    /** What a connector built outside a job needs (the REST status reconciliation). */
    /** Caps on mail to visitor-typed addresses (typed-mail-caps.ts), for every sender of such mail. */
    mailCaps,
    /** The affiliate this lead's own application step created (never one matched by email). */
    createdAffiliateOf: (leadId: string) => ownAffiliateOf(leadId, null),
    connectorDependencies: () => ({ http, secret: options.secret, settings: readDeliverySettings(options.settings), nowSeconds }),

    /**
     * Webhook endpoints that were switched off (410 Gone) or still have deliveries that failed while
     * they were, with how many such deliveries wait: what "replay all" would send again.
     */
    disabledEndpoints() {
      const byUrl = new Map<string, { url: string; disabledReason: string | null; disabledAt: string | null; failedDeliveries: number; leads: Set<string> }>();
      for (const endpoint of repository.listDisabledEndpoints()) {
        byUrl.set(endpoint.url, { url: endpoint.url, disabledReason: endpoint.reason, disabledAt: endpoint.disabledAt, failedDeliveries: 0, leads: new Set() });
      }
      for (const job of failedWhileDisabled()) {
        const url = webhookUrlOf(job);
        if (!url) continue;
        const entry = byUrl.get(url) ?? { url, disabledReason: null, disabledAt: null, failedDeliveries: 0, leads: new Set<string>() };
        entry.failedDeliveries += 1;
        entry.leads.add(job.leadId);
        byUrl.set(url, entry);
      }
      return [...byUrl.values()].map(({ leads, ...entry }) => ({ ...entry, leads: leads.size }));
    },

    /** Switches the endpoint on and queues every delivery that failed because it was off, in one go. */
    replayEndpoint(url: string, actorUserId: number) {
      const jobs = failedWhileDisabled().filter((job) => webhookUrlOf(job) === url);
      const wasDisabled = repository.disabledReason(url) !== null;
      if (!jobs.length && !wasDisabled) {
        throw new AppError(`No delivery to ${url} failed while it was disabled, and it is not disabled: nothing to replay.`, { status: 404, code: 'endpoint_not_found', details: { url } });
      }
      repository.enableEndpoint(url);
      for (const job of jobs) repository.replay(job, { now: clock.now(), actor: actorUserId, updatedAt: nowIso() });
      worker.wake();
      return { url, replayed: jobs.length, leads: new Set(jobs.map((job) => job.leadId)).size };
    },
    start: () => worker.start(),
    stop: (settings?: { graceMs?: number }) => worker.stop(settings),

    ledger(leadId: string) {
      if (!options.leads.findById(leadId)) throw new NotFoundError('Lead', leadId);
      return { leadId, deliveries: repository.listByLead(leadId).map(ledgerEntry) };
    },

    replay(leadId: string, jobId: string, actorUserId: number) {
      const job = repository.findById(jobId);
      if (!job || job.leadId !== leadId) throw new NotFoundError('Delivery', jobId);
      if (!isReplayable(job)) {
        throw new ConflictError(`Only a failed, dead or held delivery can be replayed; this one is ${job.status}.`, 'not_replayable', { status: job.status });
      }
      repository.replay(job, { now: clock.now(), actor: actorUserId, updatedAt: nowIso() });
      worker.wake();
      return ledgerEntry(repository.findById(jobId)!);
    },

    /** Posts a signed sample event to a URL, through the same SSRF guard as real deliveries. */
    async testWebhook(input: { url: string; headers: Array<{ name: string; value: string }> }): Promise<WebhookTestResult> {
      const settings = readDeliverySettings(options.settings);
      const webhookId = `msg_test_${crypto.randomBytes(8).toString('hex')}`;
      const connector = CONNECTORS.webhook({ http, secret: options.secret, settings, nowSeconds });
      try {
        const response = await connector.deliver({
          id: webhookId,
          url: input.url,
          headers: input.headers,
          payload: samplePayload(nowIso()),
          secret: ensureWebhookSecret(options.settings),
          timeoutMs: settings.webhooks.timeoutMs,
          nowSeconds: nowSeconds(),
        });
        return { ok: true, webhookId, response, error: null };
      } catch (error) {
        if (error instanceof DeliveryError && error.code === 'ssrf_refused') {
          throw new AppError(error.message, { status: 400, code: 'ssrf_refused' });
        }
        if (error instanceof DeliveryError) return { ok: false, webhookId, response: error.response ?? null, error: error.message };
        throw error;
      }
    },

    stats: () => ({ ...repository.countsByStatus(), worker: worker.stats() }),
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
