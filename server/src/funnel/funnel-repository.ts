import type { Database } from '../db/database';
import type { FunnelGroupBy } from '../contract/funnel';

export interface FunnelRange {
  agentId: string;
  /** Inclusive start and exclusive end, as ISO timestamps (conversations.created_at). */
  fromTime: string;
  toTime: string;
}

/** One group's stages, assembled by the service from the three passes. */
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

/** The column a split reads (migration 014); a fixed name per groupBy, never text from the request. */
const GROUP_EXPRESSIONS: Record<FunnelGroupBy | 'none', string> = {
  none: 'NULL',
  page: 'c.funnel_page',
  utm_source: 'c.funnel_utm_source',
  action_version: 'c.funnel_action',
};

type Statement = ReturnType<Database['prepare']>;

/**
 * Counts visitor conversations (not the playground) that started in the range, and how far each got.
 * The cohort is a range of the covering conversations_funnel index (agent, mode, created_at, the split
 * columns); steps are read by
 * their primary key, leads from leads_agent_created (a lead is never older than its conversation), so the
 * cost grows with the range, not the table. Three passes, no per-conversation EXISTS.
 */
export function createFunnelRepository(db: Database) {
  const cohort = (groupBy: FunnelGroupBy | 'none') => `
    WITH c AS (
      SELECT c.id, ${GROUP_EXPRESSIONS[groupBy]} AS grp FROM conversations c
      WHERE c.agent_id = @agentId AND c.mode = 'visitor' AND c.created_at >= @fromTime AND c.created_at < @toTime
    )`;
  const conversationsSql = (groupBy: FunnelGroupBy | 'none') => `${cohort(groupBy)}
    SELECT grp, count(*) AS conversations FROM c GROUP BY grp ORDER BY conversations DESC, grp`;
  // field_key '' is "application started" (one row per conversation and action).
  const stepsSql = (groupBy: FunnelGroupBy | 'none') => `${cohort(groupBy)}
    SELECT c.grp AS grp, s.action_key AS actionKey, s.field_key AS fieldKey, count(*) AS reached
    FROM c JOIN funnel_steps s ON s.conversation_id = c.id
    GROUP BY c.grp, s.action_key, s.field_key`;
  // Conversations of the cohort with a lead, and with an approved lead; the group as the cohort names it.
  const leadsSql = (groupBy: FunnelGroupBy | 'none') => `
    WITH submitted AS (
      SELECT l.conversation_id AS id, max(l.status = 'approved') AS approved FROM leads l
      WHERE l.agent_id = @agentId AND l.created_at >= @fromTime AND l.conversation_id IS NOT NULL
      GROUP BY l.conversation_id
    )
    SELECT ${GROUP_EXPRESSIONS[groupBy]} AS grp, count(*) AS submitted, sum(submitted.approved) AS approved
    FROM submitted JOIN conversations c ON c.id = submitted.id
    WHERE c.mode = 'visitor' AND c.created_at >= @fromTime AND c.created_at < @toTime
    GROUP BY grp`;
  const caches = { conversations: new Map<string, Statement>(), steps: new Map<string, Statement>(), leads: new Map<string, Statement>() };
  const run = <T>(cache: Map<string, Statement>, sql: (groupBy: FunnelGroupBy | 'none') => string, range: FunnelRange, groupBy: FunnelGroupBy | null): T[] => {
    const key = groupBy ?? 'none';
    let statement = cache.get(key);
    if (!statement) cache.set(key, (statement = db.prepare(sql(key))));
    return statement.all(range) as T[];
  };

  return {
    conversations: (range: FunnelRange, groupBy: FunnelGroupBy | null) => run<{ grp: string | null; conversations: number }>(caches.conversations, conversationsSql, range, groupBy),
    steps: (range: FunnelRange, groupBy: FunnelGroupBy | null) => run<FunnelFieldRow>(caches.steps, stepsSql, range, groupBy),
    leads: (range: FunnelRange, groupBy: FunnelGroupBy | null) => run<{ grp: string | null; submitted: number; approved: number }>(caches.leads, leadsSql, range, groupBy),
  };
}
export type FunnelRepository = ReturnType<typeof createFunnelRepository>;
