import fs from 'node:fs';
import type { Database } from '../db/database';
import { writeJsonColumn } from '../db/json-column';

/**
 * The SQL behind health reports, readiness, metrics and retention. Everything here reads or
 * rewrites whole tables' worth of bookkeeping, never a domain's rules, so it lives apart from the
 * domain repositories.
 */
const COUNTED_TABLES = [
  'agents',
  'actions',
  'action_versions',
  'leads',
  'lead_events',
  'conversations',
  'conversation_messages',
  'usage_daily',
  'knowledge_sources',
  'knowledge_chunks',
  'outbox_jobs',
  'outbox_attempts',
] as const;

export interface DatabaseStats {
  file: string;
  /** Main file plus its write-ahead log, as on disk. */
  bytesOnDisk: number;
  pageSize: number;
  pages: number;
  freePages: number;
  rows: Record<(typeof COUNTED_TABLES)[number], number>;
}

export interface CompactionCutoffs {
  /** ISO timestamps: rows finished / written before these are compacted. */
  deliveredJobsBefore: string;
  leadEventsBefore: string;
  /** YYYY-MM-DD: daily usage rows before this day are rolled up into one row per month. */
  usageDaysBefore: string;
  /** ISO timestamp: conversations last active before this are deleted with their messages. */
  transcriptsBefore: string;
}

export interface CompactionResult {
  jobsCompacted: number;
  attemptsRemoved: number;
  leadEventsCompacted: number;
  usageRowsRolledUp: number;
  transcriptsRemoved: number;
}

/** Events whose payload is only an audit detail; a compacted one keeps its type, actor and time. */
const COMPACTED_EVENT_DATA = '{"compacted":true}';
/**
 * Delivered for good. A step skipped because an earlier one failed is left alone: replaying that
 * one revives it, and it then needs its step definition. `result` is always kept (later approval
 * steps read the affiliate id from it).
 */
const DELIVERED = "(status = 'succeeded' OR (status = 'skipped' AND skipped_by IS NULL))";

export function createOperationsRepository(db: Database) {
  const statements = {
    writable: db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('operations.ready-probe', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"),
    outboxDepth: db.prepare("SELECT COUNT(*) AS depth, MIN(next_attempt_at) AS oldestDueAt FROM outbox_jobs WHERE status IN ('pending', 'running')"),
    oldestDue: db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox_jobs WHERE status = 'pending' AND next_attempt_at <= ?"),
    compactJobs: db.prepare(
      `UPDATE outbox_jobs SET step = '{}', response = NULL, last_error = NULL WHERE ${DELIVERED} AND finished_at < ? AND step <> '{}'`,
    ),
    removeAttempts: db.prepare(
      `DELETE FROM outbox_attempts WHERE job_id IN (SELECT id FROM outbox_jobs WHERE ${DELIVERED} AND finished_at < ?)`,
    ),
    compactEvents: db.prepare(`UPDATE lead_events SET data = '${COMPACTED_EVENT_DATA}' WHERE created_at < ? AND data <> '${COMPACTED_EVENT_DATA}'`),
    rollUpUsage: db.prepare(`
      INSERT INTO usage_daily (agent_id, day, engine, responses, input_tokens, output_tokens)
      SELECT agent_id, substr(day, 1, 7) || '-01', engine, SUM(responses), SUM(input_tokens), SUM(output_tokens)
      FROM usage_daily WHERE day < ? AND substr(day, 9, 2) <> '01'
      GROUP BY agent_id, substr(day, 1, 7), engine
      ON CONFLICT(agent_id, day, engine) DO UPDATE SET
        responses = responses + excluded.responses,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens`),
    removeTranscripts: db.prepare('DELETE FROM conversations WHERE updated_at < ?'),
    removeRolledUp: db.prepare("DELETE FROM usage_daily WHERE day < ? AND substr(day, 9, 2) <> '01'"),
  };
  const countStatements = Object.fromEntries(COUNTED_TABLES.map((table) => [table, db.prepare(`SELECT COUNT(*) AS count FROM ${table}`)]));

  return {
    stats(): DatabaseStats {
      const file = db.name;
      const size = (path: string) => {
        try {
          return fs.statSync(path).size;
        } catch {
          return 0;
        }
      };
      const rows = Object.fromEntries(
        COUNTED_TABLES.map((table) => [table, (countStatements[table].get() as { count: number }).count]),
      ) as DatabaseStats['rows'];
      return {
        file,
        bytesOnDisk: size(file) + size(`${file}-wal`),
        pageSize: db.pragma('page_size', { simple: true }) as number,
        pages: db.pragma('page_count', { simple: true }) as number,
        freePages: db.pragma('freelist_count', { simple: true }) as number,
        rows,
      };
    },
    /** A real write (one settings row), so a full disk or a read-only mount shows up as not ready. */
    probeWrite(now: string): void {
      statements.writable.run(writeJsonColumn(now), now);
    },
    /** Jobs waiting or running, and how long the oldest due one has waited (0 when none is due). */
    outboxLag(nowMs: number): { depth: number; oldestDueAgeMs: number } {
      const { depth } = statements.outboxDepth.get() as { depth: number };
      const { at } = statements.oldestDue.get(nowMs) as { at: number | null };
      return { depth, oldestDueAgeMs: at === null ? 0 : Math.max(0, nowMs - at) };
    },
    compact(cutoffs: CompactionCutoffs): CompactionResult {
      return db.transaction(() => {
        const attemptsRemoved = statements.removeAttempts.run(cutoffs.deliveredJobsBefore).changes;
        const jobsCompacted = statements.compactJobs.run(cutoffs.deliveredJobsBefore).changes;
        const leadEventsCompacted = statements.compactEvents.run(cutoffs.leadEventsBefore).changes;
        statements.rollUpUsage.run(cutoffs.usageDaysBefore);
        const usageRowsRolledUp = statements.removeRolledUp.run(cutoffs.usageDaysBefore).changes;
        const transcriptsRemoved = statements.removeTranscripts.run(cutoffs.transcriptsBefore).changes;
        return { jobsCompacted, attemptsRemoved, leadEventsCompacted, usageRowsRolledUp, transcriptsRemoved };
      })();
    },
    /** Returns free pages to the file system, a bounded number at a time so a request never waits long. */
    incrementalVacuum(pages: number): number {
      const before = db.pragma('freelist_count', { simple: true }) as number;
      db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
      return before - (db.pragma('freelist_count', { simple: true }) as number);
    },
    checkpoint(): void {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
export type OperationsRepository = ReturnType<typeof createOperationsRepository>;
