import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** Strictly increasing; never renumber a migration that has shipped. */
  id: number;
  name: string;
  sql: string;
}

/**
 * Applies every migration newer than the database's recorded version, all in one transaction:
 * a failure leaves the database exactly as it was.
 */
export function applyMigrations(db: BetterSqlite3.Database, migrations: Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const ids = migrations.map((migration) => migration.id);
  if (ids.some((id, index) => index > 0 && id <= ids[index - 1])) {
    throw new Error(`Migrations must be listed in strictly increasing id order; got ${ids.join(', ')}.`);
  }
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((row) => row.id),
  );
  const pending = migrations.filter((migration) => !applied.has(migration.id));
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, new Date().toISOString());
    }
  })();
  return pending.map((migration) => migration.id);
}
