import { programTermsSchema, programTermsSourceSchema, type ProgramTerms, type ProgramTermsSource } from '../contract/program-terms';

export type { ProgramTermsSource };

/** The owner-entered program terms, stored under the settings key `programTerms`; null until entered. */
export const PROGRAM_TERMS_KEY = 'programTerms';

export function readProgramTerms(settings: { get<T>(key: string): T | null }): ProgramTerms | null {
  const stored = settings.get<unknown>(PROGRAM_TERMS_KEY);
  if (stored === null) return null;
  const parsed = programTermsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** Where the stored terms come from (`programTermsSource`); null when never stored. */
export const PROGRAM_TERMS_SOURCE_KEY = 'programTermsSource';

export function readProgramTermsSource(settings: { get<T>(key: string): T | null }): ProgramTermsSource | null {
  const parsed = programTermsSourceSchema.safeParse(settings.get<unknown>(PROGRAM_TERMS_SOURCE_KEY));
  return parsed.success ? parsed.data : null;
}

/**
 * An owner's save keeps AffiliateWP as the source unless it changes a figure AffiliateWP owns
 * (commission, cookie, currency): then the owner has taken the terms over and the hourly refresh stops.
 */
export function sourceAfterOwnerSave(previous: ProgramTerms | null, next: ProgramTerms, source: ProgramTermsSource | null): ProgramTermsSource {
  if (source?.from !== 'affiliatewp' || !previous) return { from: 'owner' };
  const owned = (terms: ProgramTerms) => JSON.stringify([terms.commission ?? null, terms.cookieDays ?? null, terms.currency]);
  return owned(previous) === owned(next) ? source : { from: 'owner' };
}
