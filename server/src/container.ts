import type { ServiceConfig } from './config/config';
import type { Database } from './db/database';
import { setJsonColumnLogger } from './db/json-column';
import type { Logger } from './logging/logger';
import type { Lead } from './contract/lead-types';
import { createAgentRepository } from './agents/agent-repository';
import { createAgentService } from './agents/agent-service';
import { createActionRepository } from './actions/action-repository';
import { createActionService } from './actions/action-service';
import { createLeadRepository } from './leads/lead-repository';
import { createLeadService } from './leads/lead-service';
import type { LeadStepScheduler } from './leads/lead-step-scheduler';
import { createLeadSignalRepository } from './leads/trust/lead-signal-repository';
import { createTrustChecks } from './leads/trust/trust-checks';
import { readTrustSettings } from './leads/trust/trust-settings';
import { readAutoApprovalActor, readAutoApprovalPolicy } from './leads/auto-approval/auto-approval-policy';
import { readProgramTerms } from './settings/program-terms-settings';
import { createSettingsRepository } from './settings/settings-repository';
import { readDeliverySettings } from './connectors/delivery-settings';
import { createPrivacyService } from './privacy/privacy-service';
import { createLeadPrivacyParticipant } from './privacy/lead-privacy';
import { createConversationPrivacyParticipant } from './privacy/conversation-privacy';
import { createPrivacyRepository } from './privacy/privacy-repository';
import { createKnowledge } from './knowledge/create-knowledge';
import { createOutbox, type OutboxOptions } from './outbox/outbox-service';
import { createAffiliateStatusSync } from './outbox/affiliate-status-sync';
import { createAffiliateReconciler } from './outbox/affiliate-reconciliation';
import { createProgramTermsImport } from './outbox/program-terms-import';
import { createDailyDigest } from './outbox/digest/daily-digest';
import { createDigestRepository } from './outbox/digest/digest-repository';
import { AFFILIATEWP_TRANSPORTS, CONNECTORS } from './connectors';
import { createVerificationRepository } from './leads/verification/verification-repository';
import { createEmailVerificationService } from './leads/verification/email-verification-service';
import { createAffiliateManualLink } from './outbox/affiliate-manual-link';
import { createConversationRepository } from './conversations/conversation-repository';
import { createConversationService } from './conversations/conversation-service';
import { createChatRuntime } from './runtime/chat-runtime';
import { circuitOf } from './runtime/circuit-breaker';
import { createTurnOrchestrator } from './runtime/turn-orchestrator';
import { createChatTraffic } from './conversations/chat-traffic';
import { createUsageRepository } from './usage/usage-repository';
import { createUsageService } from './usage/usage-service';
import { createFunnelRepository } from './funnel/funnel-repository';
import { createFunnelService } from './funnel/funnel-service';
import { createOperations } from './operations/create-operations';
import { NO_METRICS } from './operations/metrics';
import { instrumentTurns, timedRetriever } from './operations/instrument';

/**
 * Builds every repository and service once, wired explicitly (no hidden discovery).
 * Adding a domain is one block here plus its routes line in http/routes.ts.
 */
export interface ContainerOptions {
  db: Database;
  config: ServiceConfig;
  secret: string;
  logger: Logger;
  /** Tests: a manual clock, a fake DNS resolver, worker tuning. The worker starts only on outbox.start(). */
  outboxOptions?: Pick<OutboxOptions, 'clock' | 'resolver' | 'concurrency' | 'leaseMs' | 'pollIntervalMs' | 'random'>;
}

export function createContainer({ db, config, secret, logger, outboxOptions }: ContainerOptions) {
  setJsonColumnLogger(logger);
  const agentRepository = createAgentRepository(db);
  const agents = createAgentService({ agents: agentRepository });
  const settings = createSettingsRepository(db);
  const actionRepository = createActionRepository(db);
  const actions = createActionService({ actions: actionRepository, agents: agentRepository });
  const leadRepository = createLeadRepository(db);
  // The action version a lead came from names its fields and options (lead page, emails, CSV, export).
  const leadFields = (lead: Pick<Lead, 'actionId' | 'actionVersion'>) => (lead.actionId ? (actionRepository.findVersion(lead.actionId, lead.actionVersion)?.definition.fields ?? null) : null);
  const siteLocale = () => readDeliverySettings(settings).wordpress.locale;
  // The durable outbox schedules a lead's steps in the lead's own transaction and delivers them.
  const transcriptSource = createConversationRepository(db);
  // Chat: provider or offline engine, the turn (runtime) behind its ports, conversations over HTTP, usage metering.
  const chat = { ...createChatRuntime({ config, logger }), ...createChatTraffic() };
  // Readiness and /metrics read the breaker of whichever model is current (tests swap it).
  const operations = createOperations({ db, config, logger, readSetting: (key) => settings.get(key), modelCircuit: () => circuitOf(chat.model()) });
  const metrics = operations.metrics ?? NO_METRICS;
  const outbox = createOutbox({
    db,
    onOutcome: (job, outcome) => {
      metrics.delivery(job.stepType, outcome.kind);
      // An application step that met an affiliate or account it may not take flags the lead.
      affiliateManualLink.flagFromOutcome(job, outcome);
    },
    leads: leadRepository,
    settings,
    secret,
    logger,
    fieldsOf: leadFields,
    agentLanguage: (agentId) => agentRepository.findById(agentId)?.language ?? null,
    transcript: (conversationId) => transcriptSource.messages(conversationId).map((message) => ({ role: message.role, content: message.content, createdAt: message.createdAt })),
    ...outboxOptions,
  });
  const stepScheduler: LeadStepScheduler = outbox.scheduler;
  const leadSignals = createLeadSignalRepository(db);
  const trustChecks = createTrustChecks({ signals: leadSignals, siteUrl: () => readDeliverySettings(settings).wordpress.siteUrl, settings: () => readTrustSettings(settings) });
  const leads = createLeadService({
    leads: leadRepository,
    scheduler: stepScheduler,
    fieldsOf: leadFields,
    trust: { checks: trustChecks, signals: leadSignals },
    autoApproval: { policy: () => readAutoApprovalPolicy(settings), actorUserId: () => readAutoApprovalActor(settings), clock: outbox.clock },
  });
  // The manager links a lead to an existing affiliate by hand, after seeing who it is (issue 12).
  const affiliateManualLink = createAffiliateManualLink({
    leads: leadRepository,
    owners: outbox.repository,
    createdAffiliateOf: outbox.createdAffiliateOf,
    readAffiliate: (affiliateId) => CONNECTORS.affiliatewp(outbox.connectorDependencies()).getAffiliate(affiliateId),
  });
  // Two-way AffiliateWP status: the plugin's hook reports changes; over REST a reconciliation reads them.
  const affiliateStatus = createAffiliateStatusSync({ leads, owners: outbox.repository });
  const affiliateReconciler = createAffiliateReconciler({
    candidates: outbox.repository,
    sync: affiliateStatus,
    readAffiliate: () => {
      const connector = AFFILIATEWP_TRANSPORTS.rest(outbox.connectorDependencies());
      return (affiliateId) => connector.getAffiliate(affiliateId);
    },
    settings,
    clock: outbox.clock,
    logger,
  });
  // Program terms read from AffiliateWP's settings through the bridge, kept in step hourly (issue 16).
  const programTermsImport = createProgramTermsImport({ settings, connectorDependencies: () => outbox.connectorDependencies(), clock: outbox.clock, logger });
  // The manager's daily digest of auto-approvals and leads waiting (issue 16), through the site's wp_mail.
  const dailyDigest = createDailyDigest({
    repository: createDigestRepository(db),
    settings,
    clock: outbox.clock,
    logger,
    sendMail: (to, email, idempotencyKey) => CONNECTORS.mail(outbox.connectorDependencies()).send(to, email, { idempotencyKey }),
  });
  const knowledge = createKnowledge({
    db,
    config,
    secret,
    logger,
    readSetting: (key) => settings.get(key),
    agentKnowledgeSetIds: (agentId) => agents.get(agentId).knowledgeSetIds,
    onSetRemoved: (setId) => {
      for (const agent of agents.list()) {
        if (agent.knowledgeSetIds.includes(setId)) agents.update(agent.id, { knowledgeSetIds: agent.knowledgeSetIds.filter((id) => id !== setId) });
      }
    },
  });

  // Email verification in the chat: codes go out through the site's wp_mail, as the outbox's emails.
  const emailVerification = createEmailVerificationService({
    repository: createVerificationRepository(db),
    secret,
    logger,
    canSendMail: () => Boolean(readDeliverySettings(settings).wordpress.siteUrl),
    admitMail: (request) => outbox.mailCaps.admit(request),
    sendMail: async (to, email, idempotencyKey) => {
      await CONNECTORS.mail(outbox.connectorDependencies()).send(to, email, { idempotencyKey });
    },
  });

  const usage = createUsageService({ usage: createUsageRepository(db) });
  const turns = createTurnOrchestrator({
    store: transcriptSource,
    agents,
    actions,
    leads,
    deliverySettings: () => readDeliverySettings(settings),
    programTerms: () => readProgramTerms(settings),
    usage,
    knowledge: () => (operations.metrics ? timedRetriever((query) => knowledge.retrieve(query), metrics) : knowledge),
    model: chat.model,
    offline: chat.offline,
    logger,
    verification: emailVerification,
  });
  // The recruitment funnel reads conversations, their steps and leads; field labels from the published actions.
  const funnel = createFunnelService({
    funnel: createFunnelRepository(db),
    actionFields: (agentId) => actions.listPublished(agentId).map((action) => ({ actionKey: action.definition.key, fields: action.definition.fields.map((field) => ({ key: field.key, label: field.label })) })),
  });
  const conversations = createConversationService({ conversations: transcriptSource, agents, turns });

  if (operations.metrics) conversations.sendMessage = instrumentTurns(conversations.sendMessage, metrics);

  // Conversations first: they are found through the leads that link them.
  const privacyRepository = createPrivacyRepository(db);
  const privacy = createPrivacyService(
    [createConversationPrivacyParticipant(privacyRepository), createLeadPrivacyParticipant(leads, { fieldsOf: leadFields, locale: siteLocale }, privacyRepository)],
    { transaction: (work) => privacyRepository.transaction(work), scrub: () => privacyRepository.scrub() },
  );

  return {
    db,
    config,
    secret,
    logger,
    repositories: { agents: agentRepository, actions: actionRepository, leads: leadRepository },
    settings,
    agents,
    actions,
    leads,
    knowledge,
    outbox,
    affiliateStatus,
    affiliateManualLink,
    affiliateReconciler,
    programTermsImport,
    dailyDigest,
    chat,
    usage,
    funnel,
    conversations,
    privacy,
    operations,
    emailVerification,
    /** A conversation's transcript, for the lead page and webhooks. */
    /** The fields of the action version a lead came from; null when the action is gone. */
    leadFields,
    getTranscript: (conversationId: string) => conversations.transcript(conversationId),
    /** Called on shutdown: stop workers, then close the database. */
    async close(): Promise<void> {
      operations.retention.stop();
      await affiliateReconciler.stop();
      await programTermsImport.stop();
      await dailyDigest.stop();
      await outbox.stop();
      await knowledge.close();
      db.close();
    },
  };
}
export type Container = ReturnType<typeof createContainer>;
