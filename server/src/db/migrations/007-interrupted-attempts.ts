import type { Migration } from '../migrate';

/**
 * The ledger records attempts a crash cut short ('interrupted'): a job whose lease expired is
 * claimed again, and the attempt its dead process started is written down instead of vanishing.
 * SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows.
 */
export const interruptedAttemptsSchema: Migration = {
  id: 7,
  name: 'outbox: interrupted attempts in the ledger',
  sql: `
CREATE TABLE outbox_attempts_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL REFERENCES outbox_jobs(id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('succeeded','retry','failed','dead','released','interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  error TEXT,
  response TEXT
);
INSERT INTO outbox_attempts_next SELECT id, job_id, attempt, outcome, started_at, finished_at, error, response FROM outbox_attempts;
DROP TABLE outbox_attempts;
ALTER TABLE outbox_attempts_next RENAME TO outbox_attempts;
CREATE INDEX outbox_attempts_job ON outbox_attempts(job_id, id);
`,
};
