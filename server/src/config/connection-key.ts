import fs from 'node:fs';
import path from 'node:path';
import type { ServiceConfig } from './config';
import { SECRET_FILE_NAME } from './shared-secret';

/**
 * The one-paste connection key: `aak1_` + base64url(JSON {"url","secret"}), the format the plugin
 * reads (plugin/includes/Settings/class-connection-key.php). It holds the secret, so it is shown only
 * in a terminal at first start or on request (`npm run connection-key`), never in a log.
 */
export const CONNECTION_KEY_PREFIX = 'aak1_';

export function buildConnectionKey(url: string, secret: string): string {
  return CONNECTION_KEY_PREFIX + Buffer.from(JSON.stringify({ url, secret }), 'utf8').toString('base64url');
}

/** The URL WordPress reaches the service at: AA_PUBLIC_URL, else the address it listens on. */
export function serviceUrlOf(config: Pick<ServiceConfig, 'publicUrl' | 'host' | 'port'>, port = config.port): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  // A wildcard address is not reachable as such; WordPress on the same machine uses loopback.
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function secretFileOf(dataDirectory: string): string {
  return path.join(dataDirectory, SECRET_FILE_NAME);
}

/** The secret the service uses, without creating one: AA_SHARED_SECRET, else the data directory's file. */
export function readExistingSecret(config: Pick<ServiceConfig, 'sharedSecret' | 'dataDirectory'>): string | null {
  if (config.sharedSecret) return config.sharedSecret;
  const file = secretFileOf(config.dataDirectory);
  if (!fs.existsSync(file)) return null;
  const stored = fs.readFileSync(file, 'utf8').trim();
  return stored.length >= 32 ? stored : null;
}

/** How to see the key again, for the log line that must not contain it. */
export const CONNECTION_KEY_COMMAND = 'npm run connection-key (or node dist/service/connection-key.js in a built release)';
