import { programTermsSchema, type ProgramTerms } from '../contract/program-terms';

/** The owner-entered program terms, stored under the settings key `programTerms`; null until entered. */
export const PROGRAM_TERMS_KEY = 'programTerms';

export function readProgramTerms(settings: { get<T>(key: string): T | null }): ProgramTerms | null {
  const stored = settings.get<unknown>(PROGRAM_TERMS_KEY);
  if (stored === null) return null;
  const parsed = programTermsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
