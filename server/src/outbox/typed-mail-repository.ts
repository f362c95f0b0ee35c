import type { Database } from 'better-sqlite3';

/** Counts of mail to visitor-typed addresses (table typed_mail, migration 012): keyed hashes only. */
export function createTypedMailRepository(db: Database) {
  const statements = {
    insert: db.prepare('INSERT INTO typed_mail (lead_id, conversation_id, step_id, address_key, client_key, capped, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    countAddress: db.prepare('SELECT COUNT(*) AS n FROM typed_mail WHERE address_key = ? AND capped = 0 AND created_at > ?'),
    countClient: db.prepare('SELECT COUNT(*) AS n FROM typed_mail WHERE client_key = ? AND capped = 0 AND created_at > ?'),
    prune: db.prepare('DELETE FROM typed_mail WHERE created_at < ?'),
    find: db.prepare('SELECT capped FROM typed_mail WHERE lead_id = ? AND step_id = ?'),
  };
  return {
    /** One mail, owned by a lead (an email step) or a conversation (a verification code). */
    record(row: { leadId: string | null; conversationId: string | null; stepId: string; addressKey: string; clientKey: string | null; capped: boolean; at: string }): void {
      statements.insert.run(row.leadId, row.conversationId, row.stepId, row.addressKey, row.clientKey, row.capped ? 1 : 0, row.at);
    },
    /** Whether this lead's step was counted already, and if so whether it was capped. */
    decisionFor(leadId: string, stepId: string): { capped: boolean } | null {
      const row = statements.find.get(leadId, stepId) as { capped: number } | undefined;
      return row ? { capped: row.capped === 1 } : null;
    },
    sentToAddressSince: (addressKey: string, since: string) => (statements.countAddress.get(addressKey, since) as { n: number }).n,
    sentForClientSince: (clientKey: string, since: string) => (statements.countClient.get(clientKey, since) as { n: number }).n,
    pruneBefore: (before: string) => statements.prune.run(before).changes,
  };
}
export type TypedMailRepository = ReturnType<typeof createTypedMailRepository>;
