import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

export type Database = BetterSqlite3.Database;

/**
 * Opens (creating if needed) the service's SQLite file with the settings every repository relies on,
 * then applies pending migrations. `:memory:` is accepted for throwaway use.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Writers wait for each other instead of failing at once (the worker and requests share the file).
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  applyMigrations(db, MIGRATIONS);
  return db;
}

/** Cheap liveness probe used by /health. */
export function isDatabaseUsable(db: Database): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
