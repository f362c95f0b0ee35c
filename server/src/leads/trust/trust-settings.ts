import { z } from 'zod';
import type { SettingsStore } from '../../connectors/delivery-settings';

/** The owner's knobs for the applicant trust checks, stored under the settings key `trust`. */
export const TRUST_SETTINGS_KEY = 'trust';

export const trustSettingsSchema = z
  .object({
    /** repeat_client fires on the Nth application from one visitor within 24 hours, this one included. */
    repeatClientPerDay: z
      .number({ error: 'expected a whole number from 2 to 100' })
      .int({ message: 'expected a whole number from 2 to 100' })
      .min(2, { message: 'expected a whole number from 2 to 100' })
      .max(100, { message: 'expected a whole number from 2 to 100' })
      .default(3),
  })
  .strict();

export type TrustSettings = z.infer<typeof trustSettingsSchema>;

export function readTrustSettings(settings: Pick<SettingsStore, 'get'>): TrustSettings {
  const parsed = trustSettingsSchema.safeParse(settings.get<unknown>(TRUST_SETTINGS_KEY) ?? {});
  return parsed.success ? parsed.data : trustSettingsSchema.parse({});
}
