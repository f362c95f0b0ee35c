/**
 * A small structured logger (one JSON line per entry). Values under keys that look like
 * secrets are redacted so tokens and keys never reach a log file, and credentials inside URLs
 * (`https://user:pass@host`) are masked in every string value.
 */
import { maskUrlCredentials } from '../core/url-credentials';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /secret|token|password|authorization|api[-_]?key|signature/i;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = redact(value as Record<string, unknown>);
    else if (typeof value === 'string') out[key] = maskUrlCredentials(value);
    else out[key] = value;
  }
  return out;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const log = (entryLevel: Exclude<LogLevel, 'silent'>) => (message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[entryLevel] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: entryLevel, message: maskUrlCredentials(message), ...redact(fields) }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger('silent');
