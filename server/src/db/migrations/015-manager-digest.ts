import type { Migration } from '../migrate';

/**
 * The manager's daily auto-approval digest (issue 16): one row per UTC day it reports on. The day is
 * the primary key, so a restart or a second worker can never claim the same day twice; a claim holds
 * a lease like an outbox job, so a process that died mid-send leaves the day to the next one.
 */
export const managerDigestSchema: Migration = {
  id: 15,
  name: 'manager digest: one row per reported day',
  sql: `
CREATE TABLE manager_digests (
  day TEXT PRIMARY KEY,                -- the UTC day reported on, YYYY-MM-DD
  status TEXT NOT NULL CHECK (status IN ('sending','sent','skipped')),
  attempts INTEGER NOT NULL DEFAULT 1,
  lease_until INTEGER,                 -- epoch ms; a 'sending' row past it may be claimed again
  next_attempt_at INTEGER,             -- epoch ms; after a failed send, when to try again
  reason TEXT,                         -- why it was skipped, or the last send error
  summary TEXT,                        -- JSON counts of what was sent
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
