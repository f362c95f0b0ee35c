import type { Migration } from '../migrate';

/**
 * What applicant trust checks compare across leads (issue 16): each lead's normalised websites and the
 * visitor (client) it came from. Kept beside the lead, not inside its JSON fields, so "same website" and
 * "applications from this client today" are index lookups; rows go with their lead.
 */
export const leadSignalsSchema: Migration = {
  id: 9,
  name: 'leads: signals for trust checks (website, visitor)',
  sql: `
CREATE TABLE lead_signals (
  lead_id TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('website', 'visitor')),
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (lead_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX lead_signals_lookup ON lead_signals (agent_id, kind, value, created_at);
`,
};
