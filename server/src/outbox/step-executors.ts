import type { ConnectorDependencies } from '../connectors';
import { DeliveryError, EndpointGoneError, type ResponseSummary } from '../connectors/delivery-error';
import type { SafeHttpClient } from '../connectors/safe-http';
import type { JobOutcome, OutboxJob } from './outbox-types';
import { stepHandlerOf, type ExecutionContext } from './steps';

export type { ExecutionContext } from './steps';

/**
 * Runs one job through its step type's handler (steps/<type>.ts) and reports the outcome; never
 * throws. Connectors are built per job from the current settings, and every HTTP answer is
 * recorded for the ledger; connector errors are classified here, once for every step type.
 */
function recordingHttp(http: SafeHttpClient, answers: ResponseSummary[]): SafeHttpClient {
  return async (request) => {
    const response = await http(request);
    answers.push({ url: response.url, status: response.status, durationMs: response.durationMs });
    return response;
  };
}

export async function executeJob(job: OutboxJob, context: ExecutionContext): Promise<JobOutcome> {
  const answers: ResponseSummary[] = [];
  const lastAnswer = (extra: Record<string, unknown> = {}): ResponseSummary | null =>
    answers.length || Object.keys(extra).length ? { ...(answers[answers.length - 1] ?? {}), ...(answers.length > 1 ? { calls: answers.length } : {}), ...extra } : null;
  const connectors: ConnectorDependencies = {
    http: recordingHttp(context.http, answers),
    secret: context.secret,
    settings: context.settings,
    nowSeconds: context.nowSeconds,
  };
  try {
    const lead = context.lead;
    if (!lead) return { kind: 'failed', error: `Lead ${job.leadId} no longer exists.`, response: null };
    const handler = stepHandlerOf(job.stepType);
    if (!handler) return { kind: 'failed', error: `Unknown step type '${String(job.stepType)}'.`, response: null };
    return await handler.execute(job, lead, { ...context, connectors, lastAnswer });
  } catch (error) {
    if (error instanceof EndpointGoneError) {
      return { kind: 'failed', error: error.message, response: error.response ?? lastAnswer(), disableWebhookUrl: String((job.step.config as { url?: unknown })?.url ?? '') };
    }
    if (error instanceof DeliveryError) {
      return error.retryable ? { kind: 'retry', error: error.message, response: error.response ?? lastAnswer() } : { kind: 'failed', error: error.message, code: error.code, response: error.response ?? lastAnswer() };
    }
    // A programming error or an unexpected answer: retry, since the cause may be transient.
    return { kind: 'retry', error: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, response: lastAnswer() };
  }
}
