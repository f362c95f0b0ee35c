import { normaliseText } from '../text-normalise';
import type { LanguagePack } from './language-pack';
import { perActivePacks } from './active-language';

/**
 * The language packs the offline engine reads visitors with, besides English. The agent's language
 * picks them for each turn (active-language.ts): its own pack on top of English, the others off.
 */
export { ALL_LANGUAGE_PACKS, activePacks, packsForLanguage, perActivePacks, withAgentLanguage } from './active-language';
export type { LanguagePack };

const normalisedList = (packs: readonly LanguagePack[], select: (pack: LanguagePack) => string[]) => [...new Set(packs.flatMap(select).map(normaliseText).filter(Boolean))];

const phrasesOf = (packs: readonly LanguagePack[]) => {
  const list = (select: (pack: LanguagePack) => string[]) => normalisedList(packs, select);
  return {
    yes: list((pack) => pack.yes),
    no: list((pack) => pack.no),
    vagueAmounts: list((pack) => pack.vagueAmounts),
    questionStarts: list((pack) => pack.questionStarts),
    fillers: list((pack) => pack.fillers),
    cancel: list((pack) => pack.commands.cancel),
    restart: list((pack) => pack.commands.restart),
    skip: list((pack) => pack.commands.skip),
    edit: list((pack) => pack.commands.edit),
    intentStopWords: list((pack) => pack.intentStopWords),
    asksToAct: list((pack) => pack.asksToAct),
    notARequest: list((pack) => pack.notARequest),
    audienceWords: list((pack) => pack.audienceWords),
  };
};

/** Normalised phrase lists of the active packs (made once per set of packs). */
export const packPhrases = perActivePacks(phrasesOf);

/** The active packs' words for an option value, e.g. the German name for "paid_ads". */
export const packOptionWords = perActivePacks((packs): Readonly<Record<string, string[]>> =>
  packs.reduce<Record<string, string[]>>((all, pack) => {
    for (const [value, words] of Object.entries(pack.optionWords)) all[value] = [...(all[value] ?? []), ...words];
    return all;
  }, {}),
);

/** Whether a normalised text holds the phrase as whole words. */
export function holdsPhrase(normal: string, phrase: string): boolean {
  return ` ${normal} `.includes(` ${phrase} `);
}

/** Whether a normalised text is the phrase or opens with it as whole words. */
export function opensWith(normal: string, phrase: string): boolean {
  return normal === phrase || normal.startsWith(`${phrase} `);
}

export function escapeForPattern(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
