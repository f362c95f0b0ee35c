import type { Migration } from '../migrate';

/**
 * The recruitment funnel (issue 16) needs which application a conversation started and which of its
 * fields the visitor answered. Until now only the current draft was kept (in the state JSON, and gone
 * once the lead is made), so this is recorded from here on: one row per conversation, action and field
 * reached (`field_key = ''` marks "application started"), written with the turn that reached it.
 * `action_version` is the published version at that moment, for the split by action version.
 * Conversations from before this migration count as conversations (and leads), not per field.
 */
export const funnelStepsSchema: Migration = {
  id: 15,
  name: 'funnel: application started and fields reached per conversation',
  sql: `
CREATE TABLE funnel_steps (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  action_key TEXT NOT NULL,
  field_key TEXT NOT NULL,       -- '' = the application started
  action_version INTEGER,
  reached_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, action_key, field_key)
) WITHOUT ROWID;
-- The funnel counts visitor conversations of one agent in a date range.
CREATE INDEX conversations_funnel ON conversations(agent_id, mode, created_at);
`,
};
