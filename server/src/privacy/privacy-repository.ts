import type { Database } from '../db/database';

/**
 * The SQL behind erasure that crosses domains: which conversations belong to a person, which other
 * rows merely mention them, and what already left the service on their behalf. It reads other
 * domains' tables directly (as operations-repository does) because privacy must see every table,
 * and conversations sit above this layer.
 */
interface MessageRow {
  id: string;
  content: string;
  events: string | null;
}
interface ConversationRow {
  id: string;
  source: string;
  state: string;
}

export function createPrivacyRepository(db: Database) {
  const statements = {
    // The person's own conversations: linked to one of their leads, or one where they typed the
    // address themselves and no other person's lead points at it (an abandoned application).
    ownConversations: db.prepare(`
      SELECT conversation_id AS id FROM leads WHERE email = @email AND conversation_id IS NOT NULL
      UNION
      SELECT DISTINCT m.conversation_id AS id FROM conversation_messages m
      WHERE m.role = 'user' AND instr(lower(m.content), @email) > 0
        AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.conversation_id = m.conversation_id AND (l.email IS NULL OR l.email <> @email))`),
    conversation: db.prepare('SELECT id, created_at AS createdAt, source FROM conversations WHERE id = ?'),
    messages: db.prepare('SELECT role, content, created_at AS createdAt FROM conversation_messages WHERE conversation_id = ? ORDER BY seq'),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
    mentioningMessages: db.prepare(
      'SELECT id, content, events FROM conversation_messages WHERE instr(lower(content), @email) > 0 OR instr(lower(events), @email) > 0',
    ),
    updateMessage: db.prepare('UPDATE conversation_messages SET content = ?, events = ? WHERE id = ?'),
    mentioningConversations: db.prepare('SELECT id, source, state FROM conversations WHERE instr(lower(state), @email) > 0 OR instr(lower(source), @email) > 0'),
    updateConversation: db.prepare('UPDATE conversations SET source = ?, state = ? WHERE id = ?'),
    // Another person's lead whose answers name this address (a referrer, a payout email).
    mentioningLeads: db.prepare("SELECT id, fields FROM leads WHERE (email IS NULL OR email <> @email) AND instr(lower(fields), @email) > 0"),
    updateLeadFields: db.prepare('UPDATE leads SET fields = ? WHERE id = ?'),
    mentioningJobs: db.prepare(
      "SELECT id, step, response, last_error AS lastError, result FROM outbox_jobs WHERE instr(lower(step || coalesce(response, '') || coalesce(last_error, '') || coalesce(result, '')), @email) > 0",
    ),
    updateJob: db.prepare('UPDATE outbox_jobs SET step = ?, response = ?, last_error = ?, result = ? WHERE id = ?'),
    mentioningAttempts: db.prepare("SELECT id, error, response FROM outbox_attempts WHERE instr(lower(coalesce(error, '') || coalesce(response, '')), @email) > 0"),
    updateAttempt: db.prepare('UPDATE outbox_attempts SET error = ?, response = ? WHERE id = ?'),
    // Verification challenges for the address, in conversations kept for someone else too (codes are hashes only).
    deleteVerifications: db.prepare('DELETE FROM email_verifications WHERE email = @email'),
    // What already left the service: affiliates its leads created, emails it delivered.
    // The application step's result names the affiliate and whether this lead created it (outbox/steps).
    createdAffiliates: db.prepare(`
      SELECT DISTINCT json_extract(j.result, '$.affiliateId') AS affiliateId FROM outbox_jobs j JOIN leads l ON l.id = j.lead_id
      WHERE l.email = ? AND j.step_type = 'affiliatewp_application' AND json_valid(j.result)
        AND json_extract(j.result, '$.affiliateId') IS NOT NULL AND json_extract(j.result, '$.created') = 1`),
    sentMails: db.prepare(
      "SELECT COUNT(*) AS count FROM outbox_jobs j JOIN leads l ON l.id = j.lead_id WHERE l.email = ? AND j.status = 'succeeded' AND j.step_type IN ('email', 'notify_manager')",
    ),
    deliveredWebhooks: db.prepare(
      "SELECT COUNT(*) AS count FROM outbox_jobs j JOIN leads l ON l.id = j.lead_id WHERE l.email = ? AND j.status = 'succeeded' AND j.step_type = 'webhook'",
    ),
  };

  /** Replaces every spelling (any letter case) of the address in a stored text. */
  const redact = (text: string | null, email: string): string | null => (text === null ? null : text.split(new RegExp(escapeRegExp(email), 'gi')).join(ERASED));

  return {
    ownConversationIds(email: string): string[] {
      return (statements.ownConversations.all({ email }) as Array<{ id: string }>).map((row) => row.id);
    },
    conversation(id: string) {
      const row = statements.conversation.get(id) as { id: string; createdAt: string; source: string } | undefined;
      if (!row) return null;
      return { ...row, messages: statements.messages.all(id) as Array<{ role: string; content: string; createdAt: string }> };
    },
    deleteConversation(id: string): boolean {
      return statements.deleteConversation.run(id).changes > 0;
    },
    /** Rows kept for someone else that mention the address: the address is replaced, the rest stays. */
    redactMentions(email: string): number {
      let changed = 0;
      for (const row of statements.mentioningMessages.all({ email }) as MessageRow[]) {
        changed += statements.updateMessage.run(redact(row.content, email), redact(row.events, email), row.id).changes;
      }
      for (const row of statements.mentioningConversations.all({ email }) as ConversationRow[]) {
        changed += statements.updateConversation.run(redact(row.source, email), redact(row.state, email), row.id).changes;
      }
      for (const row of statements.mentioningLeads.all({ email }) as Array<{ id: string; fields: string }>) {
        changed += statements.updateLeadFields.run(redact(row.fields, email), row.id).changes;
      }
      for (const row of statements.mentioningJobs.all({ email }) as Array<{ id: string; step: string; response: string | null; lastError: string | null; result: string | null }>) {
        changed += statements.updateJob.run(redact(row.step, email), redact(row.response, email), redact(row.lastError, email), redact(row.result, email), row.id).changes;
      }
      for (const row of statements.mentioningAttempts.all({ email }) as Array<{ id: number; error: string | null; response: string | null }>) {
        changed += statements.updateAttempt.run(redact(row.error, email), redact(row.response, email), row.id).changes;
      }
      changed += statements.deleteVerifications.run({ email }).changes;
      return changed;
    },
    createdAffiliateIds(email: string): number[] {
      return (statements.createdAffiliates.all(email) as Array<{ affiliateId: number }>).map((row) => row.affiliateId);
    },
    deliveredCounts(email: string): { mails: number; webhooks: number } {
      return {
        mails: (statements.sentMails.get(email) as { count: number }).count,
        webhooks: (statements.deliveredWebhooks.get(email) as { count: number }).count,
      };
    },
    /** The whole erasure in one transaction: it happens completely or not at all. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    /**
     * Deleted rows are zeroed on disk (secure_delete, db/database.ts), but the lead search index keeps
     * deleted terms in its old segments until they merge, and the write-ahead log keeps old page
     * images until a checkpoint: merge the index and checkpoint the log so neither keeps a copy.
     */
    scrub(): void {
      db.exec("INSERT INTO leads_fts(leads_fts) VALUES ('optimize')");
      if (db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;

export const ERASED = '[erased]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
