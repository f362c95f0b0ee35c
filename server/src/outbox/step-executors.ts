import { CONNECTORS, type ConnectorDependencies } from '../connectors';
import { DeliveryError, EndpointGoneError, type ResponseSummary } from '../connectors/delivery-error';
import { DEFAULT_WELCOME_TEMPLATE, renderEmail } from '../connectors/email-templates';
import type { DeliverySettings } from '../connectors/delivery-settings';
import type { SafeHttpClient } from '../connectors/safe-http';
import type { AffiliateStatus } from '../connectors/affiliatewp-types';
import type { Lead } from '../leads/lead-types';
import { buildLeadPayload, type TranscriptMessage } from './lead-payload';
import { managerNotificationOf, mergeValuesOf, pendingApplicationOf, stepEmailOf } from './step-payloads';
import type { JobOutcome, OutboxJob } from './outbox-types';

/**
 * Runs one job against its connector and reports the outcome; never throws. Connectors are
 * built per job from the current settings, and every HTTP answer is recorded for the ledger.
 */
export interface ExecutionContext {
  lead: Lead | null;
  /** The affiliate this lead created or a manager linked to it; null when there is none. */
  ownAffiliateId: () => number | null;
  settings: DeliverySettings;
  http: SafeHttpClient;
  secret: string;
  webhookSecret: () => string;
  nowSeconds: () => number;
  nowIso: () => string;
  transcript: (conversationId: string) => TranscriptMessage[] | null;
  /** Results of the other jobs scheduled with this one (affiliate id, referral URL). */
  groupResults: Record<string, Record<string, unknown> | null>;
  isWebhookDisabled: (url: string) => string | null;
}

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
  const dependencies: ConnectorDependencies = {
    http: recordingHttp(context.http, answers),
    secret: context.secret,
    settings: context.settings,
    nowSeconds: context.nowSeconds,
  };
  try {
    const lead = context.lead;
    if (!lead) return { kind: 'failed', error: `Lead ${job.leadId} no longer exists.`, response: null };
    const config = (job.step.config ?? {}) as Record<string, unknown>;
    switch (job.stepType) {
      case 'reply':
        return { kind: 'succeeded', response: null };

      case 'affiliatewp_application': {
        if (!lead.email) return { kind: 'failed', error: 'The lead has no email address, which AffiliateWP needs.', response: null };
        const { affiliate, created } = await CONNECTORS.affiliatewp(dependencies).createPending(pendingApplicationOf({ ...lead, email: lead.email }, config));
        return { kind: 'succeeded', response: lastAnswer({ affiliateId: affiliate.affiliate_id, created }), result: { affiliateId: affiliate.affiliate_id, created, status: affiliate.status } };
      }

      case 'affiliatewp_set_status': {
        if (!lead.email) return { kind: 'failed', error: 'The lead has no email address to find its affiliate by.', response: null };
        const status = String(config.status) as AffiliateStatus;
        const connector = CONNECTORS.affiliatewp(dependencies);
        let affiliateId = context.ownAffiliateId();
        if (affiliateId === null && status === 'rejected') {
          return { kind: 'succeeded', response: lastAnswer({ note: 'this lead created no affiliate and none was linked to it; nothing to reject (an affiliate that merely shares the email is left alone)' }), result: { affiliateId: null } };
        }
        if (affiliateId === null) {
          // Approving a lead whose action created no application: create it now, but never take over one that exists.
          const { affiliate, created } = await connector.createPending(pendingApplicationOf({ ...lead, email: lead.email }, {}));
          if (!created) {
            return { kind: 'failed', error: `An affiliate (#${affiliate.affiliate_id}) with this email existed before this lead; it was left alone. Link it to the lead by hand in AffiliateWP if it is the same person.`, response: lastAnswer() };
          }
          affiliateId = affiliate.affiliate_id;
        }
        const updated = await connector.setStatus(affiliateId, status, { initiatedBy: { userId: job.actor ?? 0 } });
        return { kind: 'succeeded', response: lastAnswer({ affiliateId: updated.affiliate_id, status: updated.status }), result: { affiliateId: updated.affiliate_id, status: updated.status } };
      }

      case 'affiliatewp_referral_url': {
        const connector = CONNECTORS.affiliatewp(dependencies);
        let affiliateId = context.groupResults.affiliatewp_status?.affiliateId as number | undefined;
        if (typeof affiliateId !== 'number') affiliateId = context.ownAffiliateId() ?? undefined;
        if (typeof affiliateId !== 'number') return { kind: 'retry', error: `No affiliate of this lead was found for ${lead.email ?? 'this lead'} yet.`, response: lastAnswer() };
        const url = await connector.referralUrl(affiliateId);
        return { kind: 'succeeded', response: lastAnswer({ referralUrl: url }), result: { affiliateId, referralUrl: url } };
      }

      case 'welcome_email': {
        if (!lead.email) return { kind: 'failed', error: 'The lead has no email address.', response: null };
        const referralUrl = context.groupResults.referral_url?.referralUrl;
        if (typeof referralUrl !== 'string') return { kind: 'failed', error: 'The referral link is missing; replay the referral step first.', response: null };
        const email = renderEmail(context.settings.emails.welcome ?? DEFAULT_WELCOME_TEMPLATE, mergeValuesOf(lead, { referral_url: referralUrl }));
        const response = await CONNECTORS.mail(dependencies).send(lead.email, email, { idempotencyKey: job.idempotencyKey });
        return { kind: 'succeeded', response: { ...response, to: lead.email } };
      }

      case 'email': {
        const { to, email } = stepEmailOf(lead, config, context.settings);
        if (!to) return { kind: 'failed', error: 'The lead has no email address to send to.', response: null };
        const response = await CONNECTORS.mail(dependencies).send(to, email, { idempotencyKey: job.idempotencyKey });
        return { kind: 'succeeded', response: { ...response, to } };
      }

      case 'notify_manager': {
        const { recipients, email } = managerNotificationOf(lead, config, context.settings, job.trigger);
        const response = await CONNECTORS.mail(dependencies).send(recipients, email, { idempotencyKey: job.idempotencyKey });
        return { kind: 'succeeded', response: { ...response, to: recipients.join(', ') } };
      }

      case 'webhook': {
        const url = String(config.url ?? '');
        const disabled = context.isWebhookDisabled(url);
        if (disabled) return { kind: 'failed', error: `This endpoint is disabled: ${disabled} Replay this delivery to switch it on again.`, response: null };
        const payload = buildLeadPayload(lead, {
          trigger: job.trigger,
          timestamp: context.nowIso(),
          transcript: config.includeTranscript !== false && lead.conversationId ? context.transcript(lead.conversationId) : null,
        });
        const response = await CONNECTORS.webhook(dependencies).deliver({
          id: job.id,
          url,
          headers: Array.isArray(config.headers) ? (config.headers as Array<{ name: string; value: string }>) : [],
          payload,
          secret: context.webhookSecret(),
          timeoutMs: context.settings.webhooks.timeoutMs,
          nowSeconds: context.nowSeconds(),
        });
        return { kind: 'succeeded', response };
      }
    }
    return { kind: 'failed', error: `Unknown step type '${String(job.stepType)}'.`, response: null };
  } catch (error) {
    if (error instanceof EndpointGoneError) {
      return { kind: 'failed', error: error.message, response: error.response ?? lastAnswer(), disableWebhookUrl: String((job.step.config as { url?: unknown })?.url ?? '') };
    }
    if (error instanceof DeliveryError) {
      return error.retryable ? { kind: 'retry', error: error.message, response: error.response ?? lastAnswer() } : { kind: 'failed', error: error.message, response: error.response ?? lastAnswer() };
    }
    // A programming error or an unexpected answer: retry, since the cause may be transient.
    return { kind: 'retry', error: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, response: lastAnswer() };
  }
}
