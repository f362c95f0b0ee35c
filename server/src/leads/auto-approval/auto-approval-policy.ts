import { z } from 'zod';
import type { SettingsStore } from '../../connectors/delivery-settings';

/**
 * The owner's auto-approval policy (issue 16), stored under the settings key `autoApproval`.
 * Settings are global in this service, so the policy is too. Off by default; only the signed admin
 * API (manager capability) writes it, never a visitor's input.
 */
export const AUTO_APPROVAL_KEY = 'autoApproval';

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int({ message: `expected a whole number from ${min} to ${max}` })
    .min(min, { message: `expected a whole number from ${min} to ${max}` })
    .max(max, { message: `expected a whole number from ${min} to ${max}` });

export const autoApprovalPolicySchema = z
  .object({
    enabled: z.boolean({ error: 'expected true or false' }).default(false),
    /** The lead's qualification score must be at least this. */
    minScore: wholeNumber(0, 1000).default(50),
    requireVerifiedEmail: z.boolean({ error: 'expected true or false' }).default(true),
    requireNoTrustFlag: z.boolean({ error: 'expected true or false' }).default(true),
    /** Values of the lead's `platform` answer that may be auto-approved; empty: any platform. */
    allowedPlatforms: z
      .array(z.string({ error: 'expected a platform value such as youtube' }).trim().min(1, { message: 'a platform value cannot be empty' }).max(60, { message: 'a platform value is at most 60 characters' }), {
        error: 'expected a list of platform values',
      })
      .max(50, { message: 'expected at most 50 platform values' })
      .default([]),
    /** Auto-approvals per UTC day; the next lead waits for a manager. */
    dailyCap: wholeNumber(1, 1000).default(10),
    /** How long after an auto-approval a manager may undo it. */
    undoWindowHours: wholeNumber(1, 720).default(24),
    /** Once a day, mail the manager recipients yesterday's auto-approvals and the leads waiting for review. */
    dailyDigest: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .strict();

export type AutoApprovalPolicy = z.infer<typeof autoApprovalPolicySchema>;

export function readAutoApprovalPolicy(settings: Pick<SettingsStore, 'get'>): AutoApprovalPolicy {
  const parsed = autoApprovalPolicySchema.safeParse(settings.get<unknown>(AUTO_APPROVAL_KEY) ?? {});
  // A damaged stored policy reads as the default, which is off: never approve on a policy we cannot read.
  return parsed.success ? parsed.data : autoApprovalPolicySchema.parse({});
}

/**
 * The WordPress user who last saved the policy. AffiliateWP status changes need a manager's user id
 * (the plugin refuses one no manager asked for), so auto-approvals act on that manager's behalf.
 */
export const AUTO_APPROVAL_ACTOR_KEY = 'autoApprovalActor';

export function readAutoApprovalActor(settings: Pick<SettingsStore, 'get'>): number | null {
  const stored = settings.get<unknown>(AUTO_APPROVAL_ACTOR_KEY);
  return typeof stored === 'number' && Number.isInteger(stored) && stored > 0 ? stored : null;
}
