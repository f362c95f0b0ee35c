import type { Migration } from '../migrate';

/**
 * The durable outbox: every side effect of a lead (AffiliateWP, webhook, email, notification) is a
 * row written in the lead's own transaction, then claimed and delivered by the worker.
 * Times used for scheduling are epoch milliseconds from the outbox clock, so tests can move time.
 */
export const outboxSchema: Migration = {
  id: 4,
  name: 'outbox: step jobs, attempts, disabled webhook endpoints',
  sql: `
CREATE TABLE outbox_jobs (
  id TEXT PRIMARY KEY,                 -- job_…; also the webhook-id, stable across retries
  idempotency_key TEXT NOT NULL UNIQUE, -- leadId:stepId:trigger — scheduling the same thing twice is a no-op
  lead_id TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  group_key TEXT NOT NULL,             -- leadId:trigger — the steps scheduled together, ordered by seq
  trigger TEXT NOT NULL,
  step_id TEXT NOT NULL,
  step_type TEXT NOT NULL,
  step_label TEXT,
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,                  -- JSON snapshot of the step definition at scheduling time
  depends_on TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('pending','running','succeeded','failed','dead','skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER,
  claim_token TEXT,                    -- who holds the lease; a late answer from an expired claim is ignored
  last_error TEXT,
  response TEXT,                       -- JSON summary of the last remote answer
  result TEXT,                         -- JSON output later steps read (affiliate id, referral URL)
  skipped_by TEXT,                     -- the failed step this one depended on; a replay of it revives this one
  actor INTEGER,                       -- WordPress user who caused it (approval, replay)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX outbox_jobs_due ON outbox_jobs(status, next_attempt_at);
CREATE INDEX outbox_jobs_lease ON outbox_jobs(status, lease_until);
CREATE INDEX outbox_jobs_group ON outbox_jobs(group_key, seq);
CREATE INDEX outbox_jobs_lead ON outbox_jobs(lead_id, created_at);

CREATE TABLE outbox_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL REFERENCES outbox_jobs(id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('succeeded','retry','failed','dead','released')),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  error TEXT,
  response TEXT
);
CREATE INDEX outbox_attempts_job ON outbox_attempts(job_id, id);

-- Endpoints that answered 410 Gone: later deliveries fail at once until a manager replays one.
CREATE TABLE webhook_endpoints_disabled (
  url TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  disabled_at TEXT NOT NULL
);
`,
};
