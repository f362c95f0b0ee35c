import type { Database } from '../../db/database';

/**
 * The daily digest's rows (migration 015) and the lead facts it reports. A day is claimed in an
 * IMMEDIATE transaction keyed by the day itself, so two workers (or a restarted one) never both send it.
 */
export interface AutoApprovalOfDay {
  leadId: string;
  name: string | null;
  email: string | null;
  score: number;
  status: string;
  reason: string;
  approvedAt: string;
  undoUntil: string | null;
  undone: boolean;
}

export interface WaitingLead {
  leadId: string;
  name: string | null;
  email: string | null;
  score: number;
  route: string;
  createdAt: string;
}

export function createDigestRepository(db: Database) {
  const statements = {
    byDay: db.prepare('SELECT status, lease_until, next_attempt_at FROM manager_digests WHERE day = ?'),
    insert: db.prepare(`INSERT INTO manager_digests (day, status, attempts, lease_until, created_at, updated_at) VALUES (@day, 'sending', 1, @leaseUntil, @at, @at)`),
    reclaim: db.prepare(`UPDATE manager_digests SET attempts = attempts + 1, lease_until = @leaseUntil, updated_at = @at WHERE day = @day AND status = 'sending'`),
    finish: db.prepare(`UPDATE manager_digests SET status = @status, lease_until = NULL, reason = @reason, summary = @summary, updated_at = @at WHERE day = @day`),
    retryLater: db.prepare(`UPDATE manager_digests SET lease_until = NULL, next_attempt_at = @nextAttemptAt, reason = @reason, updated_at = @at WHERE day = @day`),
    get: db.prepare('SELECT day, status, attempts, reason, summary FROM manager_digests WHERE day = ?'),
    autoApprovals: db.prepare(
      `SELECT e.lead_id AS leadId, l.name, l.email, l.score, l.status, e.data, e.created_at AS approvedAt,
         EXISTS (SELECT 1 FROM lead_events AS u WHERE u.lead_id = e.lead_id AND u.type = 'auto-approval-undone' AND u.id > e.id) AS undone
       FROM lead_events AS e INDEXED BY lead_events_auto_approved JOIN leads AS l ON l.id = e.lead_id
       WHERE e.type = 'auto-approved' AND e.created_at >= @from AND e.created_at < @to ORDER BY e.created_at`,
    ),
    waiting: db.prepare(
      `SELECT id AS leadId, name, email, score, route, created_at AS createdAt FROM leads INDEXED BY leads_status_created WHERE status = 'new' ORDER BY created_at DESC LIMIT @limit`,
    ),
    waitingCount: db.prepare(`SELECT COUNT(*) AS count FROM leads WHERE status = 'new'`),
    skippedCount: db.prepare(`SELECT COUNT(*) AS count FROM lead_events WHERE type = 'auto-approval-skipped' AND created_at >= @from AND created_at < @to`),
  };

  return {
    /** True when this caller now holds the day: never claimed, or a claim whose lease ran out and whose retry is due. */
    claim(day: string, input: { now: number; leaseMs: number; at: string }): boolean {
      return db
        .transaction(() => {
          const row = statements.byDay.get(day) as { status: string; lease_until: number | null; next_attempt_at: number | null } | undefined;
          const leaseUntil = input.now + input.leaseMs;
          if (!row) return statements.insert.run({ day, leaseUntil, at: input.at }).changes === 1;
          if (row.status !== 'sending') return false;
          if (row.lease_until !== null && row.lease_until > input.now) return false;
          if (row.next_attempt_at !== null && row.next_attempt_at > input.now) return false;
          return statements.reclaim.run({ day, leaseUntil, at: input.at }).changes === 1;
        })
        .immediate();
    },
    finish(day: string, input: { status: 'sent' | 'skipped'; reason: string | null; summary: Record<string, unknown> | null; at: string }): void {
      statements.finish.run({ day, status: input.status, reason: input.reason, summary: input.summary ? JSON.stringify(input.summary) : null, at: input.at });
    },
    retryLater(day: string, input: { nextAttemptAt: number; reason: string; at: string }): void {
      statements.retryLater.run({ day, ...input });
    },
    get(day: string): { day: string; status: string; attempts: number; reason: string | null; summary: Record<string, unknown> | null } | null {
      const row = statements.get.get(day) as { day: string; status: string; attempts: number; reason: string | null; summary: string | null } | undefined;
      return row ? { ...row, summary: row.summary ? (JSON.parse(row.summary) as Record<string, unknown>) : null } : null;
    },
    autoApprovalsBetween(from: string, to: string): AutoApprovalOfDay[] {
      return (statements.autoApprovals.all({ from, to }) as Array<Omit<AutoApprovalOfDay, 'reason' | 'undoUntil' | 'undone'> & { data: string; undone: number }>).map(({ data, undone, ...row }) => {
        const parsed = safeJson(data);
        return { ...row, reason: typeof parsed.reason === 'string' ? parsed.reason : '', undoUntil: typeof parsed.undoUntil === 'string' ? parsed.undoUntil : null, undone: undone === 1 };
      });
    },
    waitingForReview(limit: number): { leads: WaitingLead[]; total: number } {
      return { leads: statements.waiting.all({ limit }) as WaitingLead[], total: (statements.waitingCount.get() as { count: number }).count };
    },
    skippedBetween(from: string, to: string): number {
      return (statements.skippedCount.get({ from, to }) as { count: number }).count;
    },
  };
}
export type DigestRepository = ReturnType<typeof createDigestRepository>;

function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
