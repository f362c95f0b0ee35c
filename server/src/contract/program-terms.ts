import { z } from 'zod';

/**
 * The program's terms as structured facts (issue 16): what the agent quotes with exact figures, from
 * this record, instead of whatever a retrieved passage says. Entered by the owner (Settings) when only
 * AffiliateWP's REST API is reachable.
 */
export const programTermsSchema = z
  .object({
    commission: z
      .object({
        rate: z.number({ error: 'expected a number such as 20' }).min(0, { message: 'expected 0 or more' }).max(1_000_000),
        type: z.enum(['percentage', 'flat'], { error: () => 'expected percentage or flat' }),
      })
      .strict()
      .optional(),
    cookieDays: z.number({ error: 'expected a whole number of days' }).int({ message: 'expected a whole number of days' }).min(0).max(3650).optional(),
    payout: z
      .object({
        minimum: z.number({ error: 'expected an amount such as 50' }).min(0).max(1_000_000).optional(),
        method: z.string().trim().min(1).max(80).optional(),
      })
      .strict()
      .optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected a three-letter currency code such as USD' }).default('USD'),
    /** What the agent never promises ("guaranteed earnings"); a question about one is declined politely. */
    neverPromise: z.array(z.string().trim().min(3, { message: 'at least 3 characters' }).max(80)).max(20).default([]),
  })
  .strict();

export type ProgramTerms = z.infer<typeof programTermsSchema>;
export const PROGRAM_TERMS_TITLE = 'Program terms';

/** Where the stored terms come from: typed by the owner, or read from AffiliateWP's settings at `readAt`. */
export const programTermsSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('owner') }),
  z.object({ from: z.literal('affiliatewp'), readAt: z.string() }),
]);
export type ProgramTermsSource = z.infer<typeof programTermsSourceSchema>;
