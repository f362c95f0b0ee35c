import type { ServiceConfig } from './config/config';
import type { Database } from './db/database';
import type { Logger } from './logging/logger';
import { createAgentRepository } from './agents/agent-repository';
import { createAgentService } from './agents/agent-service';
import { createActionRepository } from './actions/action-repository';
import { createActionService } from './actions/action-service';
import { createLeadRepository } from './leads/lead-repository';
import { createLeadService } from './leads/lead-service';
import { createRecordingStepScheduler, type LeadStepScheduler } from './leads/lead-step-scheduler';
import { createSettingsRepository } from './settings/settings-repository';
import { nowIso } from './db/ids';

/**
 * Builds every repository and service once, wired explicitly (no hidden discovery).
 * Adding a domain is one block here plus its routes line in http/routes.ts.
 */
export interface ContainerOptions {
  db: Database;
  config: ServiceConfig;
  secret: string;
  logger: Logger;
}

export function createContainer({ db, config, secret, logger }: ContainerOptions) {
  const agentRepository = createAgentRepository(db);
  const agents = createAgentService({ agents: agentRepository });
  const settings = createSettingsRepository(db);
  const actionRepository = createActionRepository(db);
  const actions = createActionService({ actions: actionRepository, agents: agentRepository });
  const leadRepository = createLeadRepository(db);
  // Replaced by the durable outbox once it is wired in; the recorder keeps a trace in the lead history.
  const stepScheduler: LeadStepScheduler = createRecordingStepScheduler((leadId, type, data) =>
    leadRepository.addEvent(leadId, type, null, data, nowIso()),
  );
  const leads = createLeadService({ leads: leadRepository, scheduler: stepScheduler });

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
    /** Called on shutdown: stop workers, then close the database. */
    async close(): Promise<void> {
      db.close();
    },
  };
}
export type Container = ReturnType<typeof createContainer>;
