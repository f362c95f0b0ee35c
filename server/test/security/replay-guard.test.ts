import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/database';
import { createSqliteReplayGuard } from '../../src/security/replay-guard';

/** Accepted nonces live in SQLite for the signature window (both clock directions) and are pruned after it. */
describe('replay guard on a real SQLite file', () => {
  const WINDOW = 300;
  let directory: string;
  let db: Database;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-replay-'));
    db = openDatabase(path.join(directory, 'service.sqlite'));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });
  const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM accepted_nonces').get() as { n: number }).n;

  it('refuses a nonce inside the window, takes it again once the window is over, and prunes expired rows', () => {
    const guard = createSqliteReplayGuard(db, WINDOW);
    const t = 1_800_000_000;
    expect(guard.claim('n-1', t)).toBe(true);
    expect(guard.claim('n-2', t + 1)).toBe(true);
    expect(guard.claim('n-1', t + 2 * WINDOW - 1)).toBe(false);
    expect(rows()).toBe(2);

    // Past both windows: the next claim (more than a minute after the last prune) deletes what expired.
    expect(guard.claim('n-3', t + 2 * WINDOW + 61)).toBe(true);
    expect(rows()).toBe(1);
    // An expired nonce may be used again (its request's timestamp is outside the window by now anyway).
    expect(guard.claim('n-1', t + 2 * WINDOW + 62)).toBe(true);
    expect(guard.claim('n-1', t + 2 * WINDOW + 63)).toBe(false);
  });

  it('a second guard on the same file (a restart) still refuses a nonce the first accepted', () => {
    const t = 1_800_000_000;
    expect(createSqliteReplayGuard(db, WINDOW).claim('n-restart', t)).toBe(true);
    expect(createSqliteReplayGuard(db, WINDOW).claim('n-restart', t + 5)).toBe(false);
  });
});
