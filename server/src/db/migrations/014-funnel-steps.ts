import type { Migration } from '../migrate';

/**
 * The recruitment funnel (issue 16) needs which application a conversation started and which of its
 * fields the visitor answered. Until now only the current draft was kept (in the state JSON, and gone
 * once the lead is made), so this is recorded from here on: one row per conversation, action and field
 * reached (`field_key = ''` marks "application started"), written with the turn that reached it.
 * `action_version` is the published version at that moment, for the split by action version.
 * Conversations from before this migration count as conversations (and leads), not per field.
 *
 * The funnel splits by page, UTM source and action version; reading those from the source JSON (and the
 * steps) for every conversation of a range took seconds at 100k conversations, so each conversation
 * keeps them as columns (page without fragment and utm_* parameters; `funnel_action` = "key@version" of the first
 * application it started), filled from the stored source here for the conversations that exist, and
 * one index covers the whole cohort scan.
 */
export const funnelStepsSchema: Migration = {
  id: 14,
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
ALTER TABLE conversations ADD COLUMN funnel_page TEXT;
ALTER TABLE conversations ADD COLUMN funnel_utm_source TEXT;
ALTER TABLE conversations ADD COLUMN funnel_action TEXT;
UPDATE conversations SET
  -- Existing rows: the URL without fragment, and without its query when that starts with a utm_ parameter
  -- (new rows drop every utm_* parameter and keep the rest, see funnelPageOf).
  funnel_page = (SELECT nullif(CASE WHEN instr(u, '?utm_') > 0 THEN substr(u, 1, instr(u, '?utm_') - 1) ELSE u END, '')
                 FROM (SELECT CASE WHEN instr(h, '#') > 0 THEN substr(h, 1, instr(h, '#') - 1) ELSE h END AS u
                       FROM (SELECT json_extract(source, '$.url') AS h))),
  funnel_utm_source = nullif(json_extract(source, '$.utm.source'), '')
WHERE json_valid(source);
-- The funnel counts visitor conversations of one agent in a date range, split by one of the columns.
CREATE INDEX conversations_funnel ON conversations(agent_id, mode, created_at, funnel_page, funnel_utm_source, funnel_action);
`,
};
