import type { Migration } from '../migrate';

/**
 * Email verification in the chat (issue 12). One row per code challenge of a conversation: the code is
 * stored only as an HMAC (never the digits), with its attempts, expiry and resend bookkeeping. Rows go
 * with their conversation (erasure, retention). The lead records how its email was proven, if at all.
 */
export const emailVerificationSchema: Migration = {
  id: 11,
  name: 'email verification: code challenges per conversation; how a lead was verified',
  sql: `
CREATE TABLE email_verifications (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  method TEXT CHECK (method IN ('code', 'wordpress-user')),
  code_hash TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  sends INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_sent_at TEXT,
  verified_at TEXT,
  locked_at TEXT
);
CREATE INDEX email_verifications_conversation ON email_verifications(conversation_id, email);
ALTER TABLE leads ADD COLUMN email_verification TEXT CHECK (email_verification IN ('code', 'wordpress-user'));
ALTER TABLE leads ADD COLUMN email_verified_at TEXT;
`,
};
