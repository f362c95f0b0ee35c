import type { Database } from '../db/database';
import type { FunnelGroupBy } from '../contract/funnel';

export interface FunnelRange {
  agentId: string;
  /** Inclusive start and exclusive end, as ISO timestamps (conversations.created_at). */
  fromTime: string;
  toTime: string;
}

export interface FunnelStageRow {
  grp: string | null;
  conversations: number;
  started: number;
  submitted: number;
  approved: number;
}

export interface FunnelFieldRow {
  grp: string | null;
  actionKey: string;
  fieldKey: string;
  reached: number;
}

/**
 * The group a conversation falls in. `page` is the page URL without query and fragment (so UTM
 * parameters do not split one page); `action_version` is the submitted lead's, else the one the
 * application started on. Each is a fixed expression, never text from the request.
 */
const GROUP_EXPRESSIONS: Record<FunnelGroupBy | 'none', string> = {
  none: 'NULL',
  page: `(SELECT CASE WHEN instr(u, '?') > 0 THEN substr(u, 1, instr(u, '?') - 1) ELSE u END
          FROM (SELECT CASE WHEN instr(h, '#') > 0 THEN substr(h, 1, instr(h, '#') - 1) ELSE h END AS u
                FROM (SELECT json_extract(c.source, '$.url') AS h)))`,
  utm_source: `nullif(json_extract(c.source, '$.utm.source'), '')`,
  action_version: `coalesce(
    (SELECT l.action_key || '@' || l.action_version FROM leads l WHERE l.conversation_id = c.id ORDER BY l.created_at LIMIT 1),
    (SELECT s.action_key || '@' || s.action_version FROM funnel_steps s WHERE s.conversation_id = c.id AND s.field_key = '' AND s.action_version IS NOT NULL LIMIT 1))`,
};

/**
 * Counts visitor conversations (not the playground) that started in the range, and how far each got.
 * Driven by the conversations_funnel index (agent, mode, created_at); every per-conversation fact is a
 * primary-key or leads_conversation index lookup, so the cost grows with the range, not the table.
 */
export function createFunnelRepository(db: Database) {
  const cohort = (groupBy: FunnelGroupBy | 'none') => `
    WITH c AS (
      SELECT c.id, ${GROUP_EXPRESSIONS[groupBy]} AS grp FROM conversations c
      WHERE c.agent_id = @agentId AND c.mode = 'visitor' AND c.created_at >= @fromTime AND c.created_at < @toTime
    )`;
  const stageStatements = new Map<string, ReturnType<Database['prepare']>>();
  const fieldStatements = new Map<string, ReturnType<Database['prepare']>>();
  const stagesSql = (groupBy: FunnelGroupBy | 'none') => `${cohort(groupBy)}
    SELECT grp, count(*) AS conversations,
      sum(EXISTS (SELECT 1 FROM funnel_steps s WHERE s.conversation_id = c.id) OR EXISTS (SELECT 1 FROM leads l WHERE l.conversation_id = c.id)) AS started,
      sum(EXISTS (SELECT 1 FROM leads l WHERE l.conversation_id = c.id)) AS submitted,
      sum(EXISTS (SELECT 1 FROM leads l WHERE l.conversation_id = c.id AND l.status = 'approved')) AS approved
    FROM c GROUP BY grp ORDER BY conversations DESC, grp`;
  const fieldsSql = (groupBy: FunnelGroupBy | 'none') => `${cohort(groupBy)}
    SELECT c.grp AS grp, s.action_key AS actionKey, s.field_key AS fieldKey, count(*) AS reached
    FROM c JOIN funnel_steps s ON s.conversation_id = c.id
    WHERE s.field_key <> ''
    GROUP BY c.grp, s.action_key, s.field_key`;
  const prepared = (cache: Map<string, ReturnType<Database['prepare']>>, groupBy: FunnelGroupBy | 'none', sql: (groupBy: FunnelGroupBy | 'none') => string) => {
    let statement = cache.get(groupBy);
    if (!statement) cache.set(groupBy, (statement = db.prepare(sql(groupBy))));
    return statement;
  };

  return {
    stages(range: FunnelRange, groupBy: FunnelGroupBy | null): FunnelStageRow[] {
      return prepared(stageStatements, groupBy ?? 'none', stagesSql).all(range) as FunnelStageRow[];
    },
    fields(range: FunnelRange, groupBy: FunnelGroupBy | null): FunnelFieldRow[] {
      return prepared(fieldStatements, groupBy ?? 'none', fieldsSql).all(range) as FunnelFieldRow[];
    },
  };
}
export type FunnelRepository = ReturnType<typeof createFunnelRepository>;
