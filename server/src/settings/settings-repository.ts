import type { Database } from '../db/database';
import { nowIso } from '../core/ids';
import { readJsonColumn, writeJsonColumn } from '../db/json-column';

/** Key/value settings owned by the service (connector configuration, notification recipients, …). */
export function createSettingsRepository(db: Database) {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    get<T>(key: string): T | null {
      const row = select.get(key) as { value: string } | undefined;
      // A damaged value reads as unset, so the caller's default applies.
      return row ? readJsonColumn<T | null>(row.value, null, { column: 'settings.value', rowId: key }) : null;
    },
    set(key: string, value: unknown): void {
      upsert.run(key, writeJsonColumn(value), nowIso());
    },
    remove(key: string): void {
      remove.run(key);
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
