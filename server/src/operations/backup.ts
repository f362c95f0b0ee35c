import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Online backup through SQLite's backup API (better-sqlite3's `db.backup()`): it copies pages from
 * its own read-only connection while the service keeps reading and writing (WAL), and restarts the
 * copy of pages that change underneath, so the result is one consistent snapshot. Copying the file
 * with `cp` while the service runs is not safe (the WAL holds the newest commits).
 */
export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  integrity: string;
  durationMs: number;
}

export async function backupDatabase(sourceFile: string, targetFile: string): Promise<BackupResult> {
  if (!fs.existsSync(sourceFile)) throw new Error(`No database at ${sourceFile}; set AA_DATA_DIR to the service's data directory.`);
  const target = path.resolve(targetFile);
  if (target === path.resolve(sourceFile)) throw new Error('The backup file must not be the live database itself.');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Written next to the target, then renamed: an interrupted backup never leaves a half file under the real name.
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const started = performance.now();
  const source = new BetterSqlite3(sourceFile, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  try {
    // 256 pages per step (1 MB), yielding in between, so the serving process is never held up long.
    const progress = await source.backup(partial, { progress: () => 256 });
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    let integrity: string;
    try {
      integrity = copy.pragma('integrity_check', { simple: true }) as string;
      // Jobs claimed at backup time belong to no process once restored: due again at once instead of
      // after their lease (the attempt may have finished after the snapshot; webhook ids stay the same
      // so receivers deduplicate a repeat).
      copy.prepare("UPDATE outbox_jobs SET status = 'pending', lease_until = NULL, claim_token = NULL WHERE status = 'running'").run();
      // A standalone file: no -wal beside it to forget when copying it elsewhere.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    if (integrity !== 'ok') throw new Error(`The backup failed its integrity check: ${integrity}`);
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, pages: progress.totalPages, integrity, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
