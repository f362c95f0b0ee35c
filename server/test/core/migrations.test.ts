import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations } from '../../src/db/migrate';
import { MIGRATIONS } from '../../src/db/migrations';
import { openDatabase } from '../../src/db/database';

function temporaryFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aa-migrate-')), 'test.sqlite');
}

describe('migrations', () => {
  it('bring an empty database to the latest schema with WAL and foreign keys on', () => {
    const db = openDatabase(temporaryFile());
    const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.id));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrade a database created by the previous migration set and keep its rows', () => {
    const file = temporaryFile();
    const previous = new BetterSqlite3(file);
    applyMigrations(previous, MIGRATIONS.slice(0, 1));
    previous
      .prepare("INSERT INTO agents (id, name, data, enabled, created_at, updated_at) VALUES ('agt_old', 'Old agent', '{}', 1, 'now', 'now')")
      .run();
    previous.close();

    const db = openDatabase(file);
    expect(db.prepare("SELECT name FROM agents WHERE id = 'agt_old'").get()).toEqual({ name: 'Old agent' });
    expect((db.prepare('SELECT COUNT(*) AS count FROM schema_migrations').get() as { count: number }).count).toBe(MIGRATIONS.length);
    db.close();
  });

  it('are idempotent: opening twice applies nothing the second time', () => {
    const file = temporaryFile();
    openDatabase(file).close();
    const db = new BetterSqlite3(file);
    expect(applyMigrations(db, MIGRATIONS)).toEqual([]);
    db.close();
  });

  it('leave the database untouched when one of them fails', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [
      { id: 1, name: 'fine', sql: 'CREATE TABLE first_table (id INTEGER)' },
      { id: 2, name: 'broken', sql: 'CREATE TABLE second_table (id INTEGER); THIS IS NOT SQL' },
    ];
    expect(() => applyMigrations(db, broken)).toThrow();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
    expect(tables).not.toContain('first_table');
    expect(tables).not.toContain('second_table');
    expect(db.prepare('SELECT COUNT(*) AS count FROM schema_migrations').get()).toEqual({ count: 0 });
  });

  it('refuse a list that is not in increasing order', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => applyMigrations(db, [{ id: 2, name: 'b', sql: '' }, { id: 1, name: 'a', sql: '' }])).toThrow(/strictly increasing/);
  });
});
