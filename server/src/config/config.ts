import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Service configuration, read once from environment variables at start-up.
 * A wrong value stops start-up with a message that names the variable and what it accepts.
 */
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
/** Posts and uploaded pages above this much HTML are refused (a long real page is ~200 KB). */
export const DEFAULT_MAX_HTML_BYTES = 2 * 1024 * 1024;

const originList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().regex(/^https?:\/\/[^/\s]+$/, {
        message: 'each origin must be scheme://host[:port] without a path, e.g. https://shop.example',
      }),
    ),
  );

/** Names express's 'trust proxy' understands besides addresses and CIDR ranges. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

const proxyList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine(isProxyEntry, {
        message: `each entry must be an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_NAMES.join(', ')}`,
      }),
    ),
  );

const environmentSchema = z.object({
  AA_PORT: z.coerce
    .number({ message: 'expected a port number between 0 and 65535' })
    .int({ message: 'expected a whole port number between 0 and 65535' })
    .min(0, { message: 'expected a port number between 0 and 65535' })
    .max(65535, { message: 'expected a port number between 0 and 65535' })
    .default(8787),
  AA_HOST: z.string().min(1).default('127.0.0.1'),
  AA_DATA_DIR: z.string().min(1).default('./data'),
  AA_SHARED_SECRET: z
    .string()
    .min(32, { message: 'expected at least 32 characters (leave it unset to have one generated)' })
    .optional(),
  AA_ALLOWED_ORIGINS: originList.default([]),
  AA_PUBLIC_URL: z.url({ message: 'expected the URL visitors reach the service at, e.g. https://agent.shop.example' }).optional(),
  AA_OPENAI_API_KEY: z.string().min(1).optional(),
  AA_OPENAI_BASE_URL: z.url({ message: 'expected an http(s) URL such as https://api.openai.com/v1' }).optional(),
  AA_OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AA_OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000, { message: 'expected at least 1000 milliseconds' }).default(30000),
  AA_METRICS_TOKEN: z.string().min(16, { message: 'expected at least 16 characters (e.g. openssl rand -hex 24); leave it unset to keep /metrics off' }).optional(),
  AA_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0, { message: 'expected milliseconds, 0 or more' }).max(600_000, { message: 'expected at most 600000 (10 minutes)' }).default(10_000),
  AA_READY_MAX_OUTBOX_LAG_MS: z.coerce.number().int().min(1000, { message: 'expected at least 1000 milliseconds' }).default(300_000),
  AA_PREVIEW: z.enum(['on', 'off'], { message: 'expected on or off' }).default('off'),
  AA_TRUSTED_PROXIES: proxyList.default([]),
  AA_KNOWLEDGE_MAX_HTML_BYTES: z.coerce
    .number({ message: 'expected a size in bytes, e.g. 2097152' })
    .int({ message: 'expected a whole number of bytes' })
    .min(1024, { message: 'expected at least 1024 bytes' })
    .max(50 * 1024 * 1024, { message: 'expected at most 52428800 (50 MiB)' })
    .default(DEFAULT_MAX_HTML_BYTES),
  AA_LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export interface ServiceConfig {
  port: number;
  host: string;
  dataDirectory: string;
  sharedSecret?: string;
  allowedOrigins: string[];
  publicUrl?: string;
  openai: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number };
  logLevel: (typeof LOG_LEVELS)[number];
  /** AA_PREVIEW=on serves /preview (a local trial without WordPress); off: those routes are 404. */
  preview: boolean;
  /** AA_TRUSTED_PROXIES: whose X-Forwarded-For names the client (express 'trust proxy'); empty: nobody's. */
  trustedProxies: string[];
  /** AA_KNOWLEDGE_MAX_HTML_BYTES: HTML above this is refused before it is parsed (docs/knowledge.md). */
  knowledge: { maxHtmlBytes: number };
  /** docs/deploying.md: metrics, graceful stop, readiness. */
  operations: { metricsToken?: string; shutdownGraceMs: number; readyMaxOutboxLagMs: number };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = new.target.name;
  }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): ServiceConfig {
  // Empty strings count as unset, as they do in most .env tooling.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const result = environmentSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigurationError(result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
  }
  const values = result.data;
  return {
    port: values.AA_PORT,
    host: values.AA_HOST,
    dataDirectory: path.resolve(values.AA_DATA_DIR),
    sharedSecret: values.AA_SHARED_SECRET,
    allowedOrigins: values.AA_ALLOWED_ORIGINS,
    publicUrl: values.AA_PUBLIC_URL,
    openai: {
      apiKey: values.AA_OPENAI_API_KEY,
      baseUrl: values.AA_OPENAI_BASE_URL,
      model: values.AA_OPENAI_MODEL,
      timeoutMs: values.AA_OPENAI_TIMEOUT_MS,
    },
    logLevel: values.AA_LOG_LEVEL,
    preview: values.AA_PREVIEW === 'on',
    trustedProxies: values.AA_TRUSTED_PROXIES,
    knowledge: { maxHtmlBytes: values.AA_KNOWLEDGE_MAX_HTML_BYTES },
    operations: { metricsToken: values.AA_METRICS_TOKEN, shutdownGraceMs: values.AA_SHUTDOWN_GRACE_MS, readyMaxOutboxLagMs: values.AA_READY_MAX_OUTBOX_LAG_MS },
  };
}
