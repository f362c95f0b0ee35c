import type { Database } from '../../db/database';
import type { EmailVerificationMethod } from '../../contract/lead-types';

/**
 * The code challenges of email verification (migration 011). Only the service in this folder
 * writes them; the code itself is never stored, only its HMAC.
 */
export interface VerificationRecord {
  id: string;
  conversationId: string;
  email: string;
  method: EmailVerificationMethod | null;
  codeHash: string | null;
  attempts: number;
  sends: number;
  createdAt: string;
  expiresAt: string | null;
  lastSentAt: string | null;
  verifiedAt: string | null;
  lockedAt: string | null;
}

interface Row {
  id: string;
  conversation_id: string;
  email: string;
  method: EmailVerificationMethod | null;
  code_hash: string | null;
  attempts: number;
  sends: number;
  created_at: string;
  expires_at: string | null;
  last_sent_at: string | null;
  verified_at: string | null;
  locked_at: string | null;
}

const toRecord = (row: Row): VerificationRecord => ({
  id: row.id,
  conversationId: row.conversation_id,
  email: row.email,
  method: row.method,
  codeHash: row.code_hash,
  attempts: row.attempts,
  sends: row.sends,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastSentAt: row.last_sent_at,
  verifiedAt: row.verified_at,
  lockedAt: row.locked_at,
});

export function createVerificationRepository(db: Database) {
  const statements = {
    latest: db.prepare('SELECT * FROM email_verifications WHERE conversation_id = ? AND email = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    insert: db.prepare(`INSERT INTO email_verifications (id, conversation_id, email, method, code_hash, attempts, sends, created_at, expires_at, last_sent_at, verified_at, locked_at)
      VALUES (@id, @conversation_id, @email, @method, @code_hash, @attempts, @sends, @created_at, @expires_at, @last_sent_at, @verified_at, @locked_at)`),
    update: db.prepare(`UPDATE email_verifications SET method = @method, code_hash = @code_hash, attempts = @attempts, sends = @sends,
      expires_at = @expires_at, last_sent_at = @last_sent_at, verified_at = @verified_at, locked_at = @locked_at WHERE id = @id`),
    // A failed attempt is counted in SQL, so two concurrent guesses cannot both read the old count.
    countAttempt: db.prepare('UPDATE email_verifications SET attempts = attempts + 1 WHERE id = ? AND verified_at IS NULL AND locked_at IS NULL RETURNING attempts'),
    lock: db.prepare('UPDATE email_verifications SET locked_at = ?, code_hash = NULL WHERE id = ?'),
  };
  const toRow = (record: VerificationRecord): Row => ({
    id: record.id,
    conversation_id: record.conversationId,
    email: record.email,
    method: record.method,
    code_hash: record.codeHash,
    attempts: record.attempts,
    sends: record.sends,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    last_sent_at: record.lastSentAt,
    verified_at: record.verifiedAt,
    locked_at: record.lockedAt,
  });
  return {
    latest(conversationId: string, email: string): VerificationRecord | null {
      const row = statements.latest.get(conversationId, email) as Row | undefined;
      return row ? toRecord(row) : null;
    },
    insert: (record: VerificationRecord) => void statements.insert.run(toRow(record)),
    update: (record: VerificationRecord) => void statements.update.run(toRow(record)),
    countAttempt(id: string): number | null {
      const row = statements.countAttempt.get(id) as { attempts: number } | undefined;
      return row ? row.attempts : null;
    },
    lock: (id: string, at: string) => void statements.lock.run(at, id),
    transaction: <T>(work: () => T): T => db.transaction(work)(),
  };
}
export type VerificationRepository = ReturnType<typeof createVerificationRepository>;
