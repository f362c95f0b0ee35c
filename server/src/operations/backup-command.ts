import path from 'node:path';
import { ConfigurationError, loadConfig } from '../config/config';
import { DATABASE_FILE_NAME } from '../db/database';
import { backupDatabase } from './backup';

/**
 * `npm run backup -- <file>` (or `node dist/service/backup.js <file>`): an online backup of the
 * database in AA_DATA_DIR while the service keeps serving. Restore: docs/deploying.md, "Backups".
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || target.startsWith('-')) {
    process.stderr.write('Usage: npm run backup -- <backup file>, e.g. npm run backup -- backups/affiliate-agent-$(date +%F).sqlite\n');
    process.exit(64);
  }
  let dataDirectory: string;
  try {
    dataDirectory = loadConfig().dataDirectory;
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const result = await backupDatabase(path.join(dataDirectory, DATABASE_FILE_NAME), target);
  process.stdout.write(`Backed up ${result.pages} pages (${(result.bytes / 1024).toFixed(0)} KB) to ${result.file} in ${result.durationMs} ms; integrity ${result.integrity}.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
