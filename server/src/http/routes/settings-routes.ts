import type { Router } from 'express';
import { z } from 'zod';
import { actorOf, CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';
import { parseOrThrow } from '../../core/zod-issues';
import { PROGRAM_TERMS_KEY, PROGRAM_TERMS_SOURCE_KEY, readProgramTerms, readProgramTermsSource, sourceAfterOwnerSave } from '../../settings/program-terms-settings';
import { programTermsSchema } from '../../contract/program-terms';
import { AUTO_APPROVAL_ACTOR_KEY, AUTO_APPROVAL_KEY, autoApprovalPolicySchema, readAutoApprovalPolicy } from '../../leads/auto-approval/auto-approval-policy';
import { readTrustSettings, TRUST_SETTINGS_KEY, trustSettingsSchema } from '../../leads/trust/trust-settings';
import { ACTION_TEMPLATES } from '../../actions/templates';
import { DELIVERY_SETTINGS_KEY, deliverySettingsSchema, maskSecret, readDeliverySettings, type DeliverySettings } from '../../connectors/delivery-settings';

/**
 * Affiliate Agent → Settings, “AffiliateWP and notifications”: how the service reaches WordPress, AffiliateWP, CRMs and managers.
 * Secrets (AffiliateWP token, webhook signing secret) are write-only: answers show a masked tail.
 * PATCH merges: an omitted key keeps its value, `null` clears an optional one.
 */
const patchSchema = z
  .object({
    wordpress: z.object({ siteUrl: z.string().nullable().optional(), homeUrl: z.string().nullable().optional(), locale: z.string().nullable().optional() }).strict().optional(),
    affiliatewp: z
      .object({
        transport: z.string().optional(),
        siteUrl: z.string().nullable().optional(),
        publicKey: z.string().nullable().optional(),
        token: z.string().nullable().optional(),
        referral: z.record(z.string(), z.unknown()).optional(),
        reconcileMinutes: z.number().nullable().optional(),
        createAccounts: z.boolean().nullable().optional(),
      })
      .strict()
      .optional(),
    notifications: z.object({ recipients: z.array(z.string()).optional() }).strict().optional(),
    webhooks: z.object({ signingSecret: z.string().nullable().optional(), timeoutMs: z.number().optional() }).strict().optional(),
    network: z.object({ allowHosts: z.array(z.string()).optional() }).strict().optional(),
    emails: z
      .object({
        welcome: z.object({ subject: z.string(), body: z.string() }).nullable().optional(),
        rejection: z.object({ subject: z.string(), body: z.string() }).nullable().optional(),
        rejectionEnabled: z.boolean().optional(),
      })
      .strict()
      .optional(),
    retry: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges a section at every depth: undefined keeps, null removes (so `referral: { baseUrl: null }` clears the base URL). */
function mergeSection(current: Record<string, unknown>, patch: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!patch) return current;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(merged[key])) merged[key] = mergeSection(merged[key] as Record<string, unknown>, value);
    else merged[key] = value;
  }
  return merged;
}

/** The application template's platform answers, for the policy screen's pick-list of allowed platforms. */
const PLATFORM_OPTIONS = (ACTION_TEMPLATES['affiliate-application']?.fields.find((field) => field.key === 'platform')?.options ?? []).map((option) => ({ value: option.value, label: option.label }));

export function publicDeliverySettings(settings: DeliverySettings) {
  return {
    wordpress: { siteUrl: settings.wordpress.siteUrl ?? null, homeUrl: settings.wordpress.homeUrl ?? null, locale: settings.wordpress.locale ?? null },
    affiliatewp: {
      transport: settings.affiliatewp.transport,
      siteUrl: settings.affiliatewp.siteUrl ?? null,
      publicKey: settings.affiliatewp.publicKey ?? null,
      token: maskSecret(settings.affiliatewp.token),
      referral: settings.affiliatewp.referral,
      reconcileMinutes: settings.affiliatewp.reconcileMinutes,
      createAccounts: settings.affiliatewp.createAccounts,
    },
    notifications: settings.notifications,
    webhooks: { signingSecret: maskSecret(settings.webhooks.signingSecret), timeoutMs: settings.webhooks.timeoutMs },
    network: settings.network,
    emails: { welcome: settings.emails.welcome ?? null, rejection: settings.emails.rejection ?? null, rejectionEnabled: settings.emails.rejectionEnabled },
    retry: settings.retry,
  };
}

export function registerSettingsRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const manage = adminAuth.require(CAPABILITIES.manageAgents);
  const store = container.settings;

  router.get('/v1/settings/delivery', manage, (_request, response) => {
    response.json({ settings: publicDeliverySettings(readDeliverySettings(store)) });
  });

  router.patch('/v1/settings/delivery', manage, (request, response) => {
    const patch = parseOrThrow(patchSchema, request.body ?? {}, 'delivery settings');
    const current = readDeliverySettings(store) as unknown as Record<string, Record<string, unknown>>;
    const merged: Record<string, unknown> = { ...current };
    for (const section of Object.keys(patch) as Array<keyof typeof patch>) {
      merged[section] = mergeSection(current[section] ?? {}, patch[section] as Record<string, unknown> | undefined);
    }
    const next = parseOrThrow(deliverySettingsSchema, merged, 'delivery settings');
    store.set(DELIVERY_SETTINGS_KEY, next);
    response.json({ settings: publicDeliverySettings(next) });
  });

  // Settings → Trust checks: how many applications from one visitor in 24 hours raise repeat_client.
  router.get('/v1/settings/trust', manage, (_request, response) => {
    response.json({ settings: readTrustSettings(store) });
  });

  router.patch('/v1/settings/trust', manage, (request, response) => {
    const next = parseOrThrow(trustSettingsSchema, { ...readTrustSettings(store), ...(request.body ?? {}) }, 'trust settings');
    store.set(TRUST_SETTINGS_KEY, next);
    response.json({ settings: next });
  });

  // Settings → Auto-approval (issue 16): PATCH merges into the stored policy; off until enabled.
  router.get('/v1/settings/auto-approval', manage, (_request, response) => {
    response.json({ policy: readAutoApprovalPolicy(store), platformOptions: PLATFORM_OPTIONS });
  });

  router.patch('/v1/settings/auto-approval', manage, (request, response) => {
    const next = parseOrThrow(autoApprovalPolicySchema, { ...readAutoApprovalPolicy(store), ...(request.body ?? {}) }, 'auto-approval policy');
    store.set(AUTO_APPROVAL_KEY, next);
    store.set(AUTO_APPROVAL_ACTOR_KEY, actorOf(request).userId);
    response.json({ policy: next, platformOptions: PLATFORM_OPTIONS });
  });

  // Settings → Program terms: the facts the agent quotes exactly (PUT replaces them; GET is null until entered).
  router.get('/v1/settings/program-terms', manage, (_request, response) => {
    response.json({ terms: readProgramTerms(store), source: readProgramTermsSource(store) });
  });

  router.put('/v1/settings/program-terms', manage, (request, response) => {
    const terms = parseOrThrow(programTermsSchema, request.body ?? {}, 'program terms');
    const source = sourceAfterOwnerSave(readProgramTerms(store), terms, readProgramTermsSource(store));
    store.set(PROGRAM_TERMS_KEY, terms);
    store.set(PROGRAM_TERMS_SOURCE_KEY, source);
    response.json({ terms, source });
  });

  // Reads commission, cookie, currency and payout methods from AffiliateWP's own settings (bridge only).
  router.post('/v1/settings/program-terms/import', manage, async (_request, response) => {
    response.json(await container.programTermsImport.importNow());
  });
}
