import type { Migration } from '../migrate';

/**
 * The auto-approval daily cap (issue 16) counts today's `auto-approved` events inside every new lead's
 * transaction; without an index that is a scan of every lead event ever written (about five a lead).
 * A partial index holds only those events, so the count reads a handful of rows.
 */
export const autoApprovalIndexSchema: Migration = {
  id: 13,
  name: 'auto-approval: index of auto-approved events by time',
  sql: `
CREATE INDEX lead_events_auto_approved ON lead_events(created_at) WHERE type = 'auto-approved';
`,
};
