import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * Everything the outbox needs to reach the outside world, stored as one JSON value under the
 * settings key `delivery`. Read on every job, so a change applies to the next attempt without a restart.
 */
export const DELIVERY_SETTINGS_KEY = 'delivery';

const siteUrl = z
  .string()
  .url({ message: 'expected the WordPress site URL, e.g. https://shop.example' })
  .refine((value) => /^https?:\/\//.test(value), { message: 'expected an http:// or https:// URL' })
  .transform((value) => value.replace(/\/+$/, ''));

export const referralSettingsSchema = z.object({
  /** AffiliateWP's "Default Referral URL"; the site's home URL when empty. */
  baseUrl: siteUrl.optional(),
  /** AffiliateWP's "Referral Variable". */
  variable: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'expected a query variable such as ref' }).default('ref'),
  /** AffiliateWP's "Default Referral Format". */
  format: z.enum(['id', 'username'], { error: () => 'expected id or username' }).default('id'),
  /** AffiliateWP's "Pretty Affiliate URLs". */
  pretty: z.boolean().default(false),
});

export const retrySettingsSchema = z.object({
  maxAttempts: z.number().int().min(1).max(50).default(12),
  baseDelaySeconds: z.number().int().min(1).max(86_400).default(30),
  maxDelaySeconds: z.number().int().min(1).max(7 * 86_400).default(86_400),
});

export const deliverySettingsSchema = z.object({
  wordpress: z
    .object({
      siteUrl: siteUrl.optional(),
      /** WordPress home_url(): the public address referral links are built on (sent by the plugin at pairing). */
      homeUrl: siteUrl.optional(),
      /** The site's language (WordPress get_locale(), as a BCP 47 tag): numbers in emails and exports. */
      locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'expected a language tag such as en-US or de-DE' }).optional(),
    })
    .default({}),
  affiliatewp: z
    .object({
      transport: z.enum(['none', 'rest', 'bridge'], { error: () => 'expected none, rest or bridge' }).default('none'),
      /** REST only; the WordPress site URL when empty. */
      siteUrl: siteUrl.optional(),
      publicKey: z.string().max(200).optional(),
      token: z.string().max(200).optional(),
      referral: referralSettingsSchema.default({ variable: 'ref', format: 'id', pretty: false }),
      /** REST only: how often statuses changed in AffiliateWP are read back (minutes; 0 = never). */
      reconcileMinutes: z.number({ error: 'expected a number of minutes' }).int().min(0, { message: 'expected 0 (off) to 1440 minutes' }).max(1440, { message: 'expected 0 (off) to 1440 minutes' }).default(15),
      /**
       * REST only: create a WordPress account for an applicant who has none. Off by default: over REST
       * the service cannot see whether the site lets visitors register (the bridge asks WordPress), so
       * a chat must not make accounts until the owner says so.
       */
      createAccounts: z.boolean({ error: 'expected true or false' }).default(false),
    })
    .default({ transport: 'none', referral: { variable: 'ref', format: 'id', pretty: false }, reconcileMinutes: 15, createAccounts: false }),
  notifications: z.object({ recipients: z.array(z.string().email()).max(20).default([]) }).default({ recipients: [] }),
  webhooks: z
    .object({
      signingSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{32,}$/, { message: 'expected whsec_ followed by at least 24 bytes of base64' }).optional(),
      timeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
    })
    .default({ timeoutMs: 10_000 }),
  network: z
    .object({
      allowHosts: z
        .array(z.string().trim().toLowerCase().regex(/^[a-z0-9.:\-[\]]{1,255}$/, { message: 'expected a host name or IP address, optionally with :port' }))
        .max(50)
        .default([]),
    })
    .default({ allowHosts: [] }),
  emails: z
    .object({
      welcome: z.object({ subject: z.string().min(1).max(200), body: z.string().min(1).max(10_000) }).optional(),
      rejection: z.object({ subject: z.string().min(1).max(200), body: z.string().min(1).max(10_000) }).optional(),
      /** A rejected applicant hears from us unless the owner switches this off. */
      rejectionEnabled: z.boolean().default(true),
    })
    .default({ rejectionEnabled: true }),
  retry: retrySettingsSchema.default({ maxAttempts: 12, baseDelaySeconds: 30, maxDelaySeconds: 86_400 }),
});

export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;
export type ReferralSettings = z.infer<typeof referralSettingsSchema>;
export type RetrySettings = z.infer<typeof retrySettingsSchema>;

export interface SettingsStore {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
}

// The outbox reads the settings several times per job; parsing them with the schema each time
// was about a fifth of the worker's CPU. The last stored value (as JSON) and its parse are kept;
// callers get their own copy, so a caller that changes what it got cannot change the next one's.
let lastParsed: { stored: string; settings: DeliverySettings } | null = null;

export function readDeliverySettings(settings: SettingsStore): DeliverySettings {
  const stored = settings.get<unknown>(DELIVERY_SETTINGS_KEY) ?? {};
  const key = JSON.stringify(stored);
  if (lastParsed?.stored !== key) {
    const parsed = deliverySettingsSchema.safeParse(stored);
    // A stored value that no longer parses (an older shape) falls back to defaults instead of stopping delivery.
    lastParsed = { stored: key, settings: parsed.success ? parsed.data : deliverySettingsSchema.parse({}) };
  }
  return structuredClone(lastParsed.settings);
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64')}`;
}

/** The signing secret, created on first use so webhooks are always signed. */
export function ensureWebhookSecret(settings: SettingsStore): string {
  const current = readDeliverySettings(settings);
  if (current.webhooks.signingSecret) return current.webhooks.signingSecret;
  const secret = newWebhookSecret();
  settings.set(DELIVERY_SETTINGS_KEY, { ...current, webhooks: { ...current.webhooks, signingSecret: secret } });
  return secret;
}

export function maskSecret(value: string | undefined): string | null {
  if (!value) return null;
  return `••••${value.slice(-4)}`;
}
