import type { ServiceConfig } from './config/config';
import type { Database } from './db/database';
import type { Logger } from './logging/logger';
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
import { createSettingsRepository } from './settings/settings-repository';
import { readDeliverySettings } from './connectors/delivery-settings';
import { createPrivacyService } from './privacy/privacy-service';
import { createLeadPrivacyParticipant } from './privacy/lead-privacy';
import { createKnowledge } from './knowledge/create-knowledge';
import { createOutbox, type OutboxOptions } from './outbox/outbox-service';
import { createConversationRepository } from './conversations/conversation-repository';
import { createConversationService } from './conversations/conversation-service';
import { createChatRuntime } from './runtime/chat-runtime';
import { createTurnOrchestrator } from './runtime/turn-orchestrator';
import { createChatTraffic } from './conversations/chat-traffic';
import { createUsageRepository } from './usage/usage-repository';
import { createUsageService } from './usage/usage-service';
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
  const agentRepository = createAgentRepository(db);
  const agents = createAgentService({ agents: agentRepository });
  const settings = createSettingsRepository(db);
  const actionRepository = createActionRepository(db);
  const actions = createActionService({ actions: actionRepository, agents: agentRepository });
  const leadRepository = createLeadRepository(db);
  // The durable outbox schedules a lead's steps in the lead's own transaction and delivers them.
  const transcriptSource = createConversationRepository(db);
  const operations = createOperations({ db, config, logger, readSetting: (key) => settings.get(key) });
  const metrics = operations.metrics ?? NO_METRICS;
  const outbox = createOutbox({
    db,
    onOutcome: (job, outcome) => metrics.delivery(job.stepType, outcome.kind),
    leads: leadRepository,
    settings,
    secret,
    logger,
    transcript: (conversationId) => transcriptSource.messages(conversationId).map((message) => ({ role: message.role, content: message.content, createdAt: message.createdAt })),
    ...outboxOptions,
  });
  const stepScheduler: LeadStepScheduler = outbox.scheduler;
  const leadSignals = createLeadSignalRepository(db);
  const trustChecks = createTrustChecks({ signals: leadSignals, siteUrl: () => readDeliverySettings(settings).wordpress.siteUrl, settings: () => readTrustSettings(settings) });
  const leads = createLeadService({ leads: leadRepository, scheduler: stepScheduler, trust: { checks: trustChecks, signals: leadSignals } });
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

  // Chat: provider or offline engine, the turn (runtime) behind its ports, conversations over HTTP, usage metering.
  const chat = { ...createChatRuntime({ config, logger }), ...createChatTraffic() };
  const usage = createUsageService({ usage: createUsageRepository(db) });
  const turns = createTurnOrchestrator({
    store: transcriptSource,
    agents,
    actions,
    leads,
    deliverySettings: () => readDeliverySettings(settings),
    usage,
    knowledge: () => (operations.metrics ? timedRetriever((query) => knowledge.retrieve(query), metrics) : knowledge),
    model: chat.model,
    offline: chat.offline,
    logger,
  });
  const conversations = createConversationService({ conversations: transcriptSource, agents, turns });

  if (operations.metrics) conversations.sendMessage = instrumentTurns(conversations.sendMessage, metrics);

  const privacy = createPrivacyService([createLeadPrivacyParticipant(leads)]);

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
    chat,
    usage,
    conversations,
    privacy,
    operations,
    /** A conversation's transcript, for the lead page and webhooks. */
    getTranscript: (conversationId: string) => conversations.transcript(conversationId),
    /** Called on shutdown: stop workers, then close the database. */
    async close(): Promise<void> {
      operations.retention.stop();
      await outbox.stop();
      await knowledge.close();
      db.close();
    },
  };
}
export type Container = ReturnType<typeof createContainer>;
