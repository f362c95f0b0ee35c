import type { ServiceConfig } from '../config/config';
import type { Database } from '../db/database';
import type { Logger } from '../logging/logger';
import { createMetrics } from './metrics';
import { createOperationsRepository } from './operations-repository';
import { createReadiness, type ModelCircuitSnapshot } from './readiness';
import { createRetention, readRetentionSettings } from './retention';

/** Everything that keeps the running service observable and its file tidy, wired once by the container. */
export function createOperations({
  db,
  config,
  logger,
  readSetting,
  modelCircuit,
}: {
  db: Database;
  config: ServiceConfig;
  logger: Logger;
  readSetting: (key: string) => unknown;
  modelCircuit?: () => ModelCircuitSnapshot | null | undefined;
}) {
  const repository = createOperationsRepository(db);
  return {
    repository,
    /** Only when /metrics is on (AA_METRICS_TOKEN): otherwise nothing is measured and no event-loop monitor runs. */
    metrics: config.operations.metricsToken ? createMetrics({ outbox: repository, modelCircuit }) : null,
    readiness: createReadiness({ repository, modelCircuit, maxOutboxLagMs: config.operations.readyMaxOutboxLagMs }),
    retention: createRetention({ repository, settings: () => readRetentionSettings(readSetting), logger }),
  };
}
export type Operations = ReturnType<typeof createOperations>;
