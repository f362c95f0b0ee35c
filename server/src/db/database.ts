import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

export type Database = BetterSqlite3.Database;

/** The service's database inside AA_DATA_DIR (main.ts, the backup command, docs/deploying.md). */
export const DATABASE_FILE_NAME = 'affiliate-agent.sqlite';

/**
 * Opens (creating if needed) the service's SQLite file with the settings every repository relies on,
 * then applies pending migrations. `:memory:` is accepted for throwaway use.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  enableIncrementalVacuum(db);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Deleted and overwritten rows are zeroed on disk, so an erasure (privacy/) leaves no readable copy
  // in a page's free space or the free list.
  db.pragma('secure_delete = ON');
  // Writers wait for each other instead of failing at once (the worker and requests share the file).
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  applyMigrations(db, MIGRATIONS);
  return db;
}

/**
 * Retention (operations/retention.ts) frees pages; incremental auto-vacuum lets it hand them back to
 * the file system a few at a time. The mode can only change on an empty database or with a full
 * VACUUM, which an existing file gets once, here, before anything else uses it.
 */
function enableIncrementalVacuum(db: Database): void {
  const INCREMENTAL = 2;
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  const hasTables = (db.prepare("SELECT COUNT(*) AS count FROM sqlite_master WHERE type = 'table'").get() as { count: number }).count > 0;
  if (hasTables) db.exec('VACUUM');
}

/** Cheap liveness probe used by /health. */
export function isDatabaseUsable(db: Database): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
