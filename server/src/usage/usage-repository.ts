import type { Database } from '../db/database';
import type { Engine } from './engine';

export interface UsageRow {
  day: string;
  engine: Engine;
  responses: number;
  inputTokens: number;
  outputTokens: number;
}

/** Daily counters per agent and engine: one upsert per AI response, so metering costs one indexed write. */
export function createUsageRepository(db: Database) {
  const increment = db.prepare(
    `INSERT INTO usage_daily (agent_id, day, engine, responses, input_tokens, output_tokens) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT(agent_id, day, engine) DO UPDATE SET
       responses = responses + 1,
       input_tokens = input_tokens + excluded.input_tokens,
       output_tokens = output_tokens + excluded.output_tokens`,
  );
  const selectRange = db.prepare(
    `SELECT day, engine, responses, input_tokens AS inputTokens, output_tokens AS outputTokens
     FROM usage_daily WHERE agent_id = ? AND day >= ? AND day <= ? ORDER BY day, engine`,
  );
  const sumProvider = db.prepare(
    `SELECT COALESCE(SUM(responses), 0) AS responses FROM usage_daily WHERE agent_id = ? AND engine = 'provider' AND day >= ? AND day <= ?`,
  );
  return {
    record(agentId: string, day: string, engine: Engine, inputTokens: number, outputTokens: number): void {
      increment.run(agentId, day, engine, inputTokens, outputTokens);
    },
    range(agentId: string, fromDay: string, toDay: string): UsageRow[] {
      return selectRange.all(agentId, fromDay, toDay) as UsageRow[];
    },
    providerResponses(agentId: string, fromDay: string, toDay: string): number {
      return (sumProvider.get(agentId, fromDay, toDay) as { responses: number }).responses;
    },
  };
}
export type UsageRepository = ReturnType<typeof createUsageRepository>;
