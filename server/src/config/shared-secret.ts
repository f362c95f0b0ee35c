import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE_NAME = 'shared-secret';

/**
 * Returns the shared secret: the configured one, else the one persisted in the data directory,
 * else a new one written there (mode 0600). `generated` tells the caller to print it once so the
 * owner can paste it into the plugin's settings.
 */
export function resolveSharedSecret(dataDirectory: string, configured?: string): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = path.join(dataDirectory, SECRET_FILE_NAME);
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return { secret: stored, generated: false };
  }
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.mkdirSync(dataDirectory, { recursive: true });
  // Write then rename so a crash never leaves a half-written secret behind.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, secret + '\n', { mode: 0o600 });
  fs.renameSync(temporary, file);
  return { secret, generated: true };
}
