import { ConfigurationError, loadConfig } from '../config/config';
import { buildConnectionKey, readExistingSecret, secretFileOf, serviceUrlOf } from '../config/connection-key';

/**
 * `npm run connection-key` (or `node dist/service/connection-key.js`): prints the connection key for
 * the configured data directory and public URL (AA_DATA_DIR, AA_PUBLIC_URL, or AA_HOST/AA_PORT), to
 * paste into WordPress → Affiliate Agent → Settings. Run it with the service's environment
 * (e.g. `sudo -u affiliate-agent env $(cat /etc/affiliate-agent/env) npm run connection-key`).
 */
function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const secret = readExistingSecret(config);
  if (!secret) {
    process.stderr.write(
      `No shared secret yet in ${secretFileOf(config.dataDirectory)}: start the service once (it creates one), or set AA_SHARED_SECRET, then run this again.\n`,
    );
    process.exit(1);
  }
  const url = serviceUrlOf(config);
  if (!config.publicUrl) process.stderr.write(`AA_PUBLIC_URL is not set; the key names ${url}. Set AA_PUBLIC_URL if WordPress reaches the service elsewhere.\n`);
  process.stdout.write(`${buildConnectionKey(url, secret)}\n`);
}

main();
