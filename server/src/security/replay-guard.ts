import type { Database } from '../db/database';

/**
 * Remembers accepted nonces for the signature tolerance window so a captured request cannot be
 * sent again. Stored in SQLite (table accepted_nonces), so a restart inside the window does not
 * forget them; one process owns the file (docs/architecture.md, "Scale beyond one machine").
 */
export interface ReplayGuard {
  /** Returns false when the nonce was already used; otherwise records it. */
  claim(nonce: string, nowSeconds: number): boolean;
}

/** How often expired rows are deleted: pruning on every request would cost a write each time. */
const PRUNE_EVERY_SECONDS = 60;

export function createSqliteReplayGuard(db: Database, windowSeconds: number): ReplayGuard {
  const insert = db.prepare('INSERT OR IGNORE INTO accepted_nonces (nonce, expires_at) VALUES (?, ?)');
  const live = db.prepare('SELECT 1 FROM accepted_nonces WHERE nonce = ? AND expires_at > ?');
  const replaceExpired = db.prepare('UPDATE accepted_nonces SET expires_at = ? WHERE nonce = ? AND expires_at <= ?');
  const prune = db.prepare('DELETE FROM accepted_nonces WHERE expires_at <= ?');
  let lastPrune = 0;
  return {
    claim(nonce, nowSeconds) {
      if (nowSeconds - lastPrune >= PRUNE_EVERY_SECONDS) {
        prune.run(nowSeconds);
        lastPrune = nowSeconds;
      }
      // Both clock directions of the tolerance window: a request stays valid until timestamp + window.
      const expiresAt = nowSeconds + windowSeconds * 2;
      if (insert.run(nonce, expiresAt).changes === 1) return true;
      if (live.get(nonce, nowSeconds)) return false;
      return replaceExpired.run(expiresAt, nonce, nowSeconds).changes === 1;
    },
  };
}
