import type { Database } from '../db/database';

/** What one turn reached in an application: the action, and the fields answered so far. */
export interface ReachedApplication {
  actionKey: string;
  fieldKeys: string[];
}

/**
 * Writes the funnel's steps (migration 014) as a conversation moves through an application. Every
 * write is INSERT OR IGNORE, so a field keeps the time it was first reached and a replayed turn adds nothing.
 * Runs inside the turn's own transaction (conversation-repository's recordTurn).
 */
export function createFunnelStepRepository(db: Database) {
  // The published version at the moment the application starts; NULL in the playground's unpublished drafts.
  const insertStep = db.prepare(`
    INSERT OR IGNORE INTO funnel_steps (conversation_id, action_key, field_key, action_version, reached_at)
    SELECT @conversationId, @actionKey, @fieldKey,
      (SELECT a.published_version FROM actions a JOIN conversations c ON c.agent_id = a.agent_id WHERE c.id = @conversationId AND a.key = @actionKey),
      @at`);
  // A submitted lead's answers are all fields reached, also the last one answered in the submitting turn.
  const insertFromLead = db.prepare(`
    INSERT OR IGNORE INTO funnel_steps (conversation_id, action_key, field_key, action_version, reached_at)
    SELECT l.conversation_id, l.action_key, '', l.action_version, @at FROM leads l WHERE l.id = @leadId AND l.conversation_id = @conversationId
    UNION ALL
    SELECT l.conversation_id, l.action_key, answer.key, l.action_version, @at
    FROM leads l, json_each(l.fields) AS answer
    WHERE l.id = @leadId AND l.conversation_id = @conversationId`);

  // The conversation remembers its first application's version for the split by action version.
  const markAction = db.prepare(`
    UPDATE conversations SET funnel_action = (
      SELECT s.action_key || '@' || s.action_version FROM funnel_steps s WHERE s.conversation_id = @conversationId AND s.field_key = '' AND s.action_version IS NOT NULL ORDER BY s.reached_at LIMIT 1)
    WHERE id = @conversationId AND funnel_action IS NULL`);

  return {
    record(conversationId: string, input: { reached: ReachedApplication[]; completedLeadIds: string[]; at: string }): void {
      let changed = 0;
      for (const application of input.reached) {
        for (const fieldKey of ['', ...application.fieldKeys]) changed += insertStep.run({ conversationId, actionKey: application.actionKey, fieldKey, at: input.at }).changes;
      }
      for (const leadId of input.completedLeadIds) changed += insertFromLead.run({ conversationId, leadId, at: input.at }).changes;
      if (changed > 0) markAction.run({ conversationId });
    },
  };
}
export type FunnelStepRepository = ReturnType<typeof createFunnelStepRepository>;

/**
 * The page a conversation counts under: its URL without fragment and without utm_* parameters, so one
 * page is not split by campaign, while `?page_id=7` (plain permalinks) still names its own page.
 */
export function funnelPageOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const name of [...parsed.searchParams.keys()]) if (name.toLowerCase().startsWith('utm_')) parsed.searchParams.delete(name);
    return parsed.toString().replace(/\?$/, '');
  } catch {
    return null;
  }
}
