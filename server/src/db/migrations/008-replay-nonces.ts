import type { Migration } from '../migrate';

/**
 * Nonces of accepted signed requests, kept for the signature window so a captured request cannot be
 * sent again, not even after a restart (security/replay-guard.ts prunes expired rows).
 */
export const replayNoncesSchema: Migration = {
  id: 8,
  name: 'security: accepted request nonces',
  sql: `
CREATE TABLE accepted_nonces (
  nonce TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL      -- unix seconds; after this the timestamp check refuses the request anyway
) WITHOUT ROWID;
CREATE INDEX accepted_nonces_expiry ON accepted_nonces (expires_at);
`,
};
