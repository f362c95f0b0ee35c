import type { Database } from '../db/database';

/** What one turn reached in an application: the action, and the fields answered so far. */
export interface ReachedApplication {
  actionKey: string;
  fieldKeys: string[];
}

/**
 * Writes the funnel's steps (migration 015) as a conversation moves through an application. Every
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

  return {
    record(conversationId: string, input: { reached: ReachedApplication[]; completedLeadIds: string[]; at: string }): void {
      for (const application of input.reached) {
        for (const fieldKey of ['', ...application.fieldKeys]) insertStep.run({ conversationId, actionKey: application.actionKey, fieldKey, at: input.at });
      }
      for (const leadId of input.completedLeadIds) insertFromLead.run({ conversationId, leadId, at: input.at });
    },
  };
}
export type FunnelStepRepository = ReturnType<typeof createFunnelStepRepository>;
