import type { Database } from '../../db/database';

export type LeadSignalKind = 'website' | 'visitor';

/** The websites and visitor of each lead, for the trust checks' "seen before" questions (migration 009). */
export function createLeadSignalRepository(db: Database) {
  const statements = {
    insert: db.prepare('INSERT OR IGNORE INTO lead_signals (lead_id, agent_id, kind, value, created_at) VALUES (?, ?, ?, ?, ?)'),
    earlier: db.prepare('SELECT lead_id AS leadId FROM lead_signals WHERE agent_id = ? AND kind = ? AND value = ? ORDER BY created_at LIMIT ?'),
    countSince: db.prepare('SELECT COUNT(*) AS count FROM lead_signals WHERE agent_id = ? AND kind = ? AND value = ? AND created_at >= ?'),
  };
  return {
    record(leadId: string, agentId: string, signals: Array<{ kind: LeadSignalKind; value: string }>, at: string): void {
      for (const signal of signals) statements.insert.run(leadId, agentId, signal.kind, signal.value, at);
    },
    /** The first leads (oldest first) that share this signal. */
    leadsWith(agentId: string, kind: LeadSignalKind, value: string, limit = 5): string[] {
      return (statements.earlier.all(agentId, kind, value, limit) as Array<{ leadId: string }>).map((row) => row.leadId);
    },
    countSince(agentId: string, kind: LeadSignalKind, value: string, since: string): number {
      return (statements.countSince.get(agentId, kind, value, since) as { count: number }).count;
    },
  };
}
export type LeadSignalRepository = ReturnType<typeof createLeadSignalRepository>;
