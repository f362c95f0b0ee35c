import { normaliseText } from '../text-normalise';
import type { LanguagePack } from './language-pack';
import { german } from './de';
import { spanish } from './es';
import { french } from './fr';

/**
 * The language packs the offline engine reads visitors with, besides English. Every pack is read at
 * once: a visitor may write German to an agent set to English, and the words of the four languages
 * seldom collide where it matters (where they do, as "mil", the number parser asks the text).
 */
export const LANGUAGE_PACKS: readonly LanguagePack[] = [german, spanish, french];
export type { LanguagePack };

const normalisedList = (select: (pack: LanguagePack) => string[]) => [...new Set(LANGUAGE_PACKS.flatMap(select).map(normaliseText).filter(Boolean))];

/** Normalised phrase lists across the packs, made once. */
export const PACK_PHRASES = {
  yes: normalisedList((pack) => pack.yes),
  no: normalisedList((pack) => pack.no),
  vagueAmounts: normalisedList((pack) => pack.vagueAmounts),
  questionStarts: normalisedList((pack) => pack.questionStarts),
  fillers: normalisedList((pack) => pack.fillers),
  cancel: normalisedList((pack) => pack.commands.cancel),
  restart: normalisedList((pack) => pack.commands.restart),
  skip: normalisedList((pack) => pack.commands.skip),
  edit: normalisedList((pack) => pack.commands.edit),
  intentStopWords: normalisedList((pack) => pack.intentStopWords),
  asksToAct: normalisedList((pack) => pack.asksToAct),
  notARequest: normalisedList((pack) => pack.notARequest),
  audienceWords: normalisedList((pack) => pack.audienceWords),
};

/** The packs' words for an option value, e.g. every language's name for "paid_ads". */
export const PACK_OPTION_WORDS: Readonly<Record<string, string[]>> = LANGUAGE_PACKS.reduce<Record<string, string[]>>((all, pack) => {
  for (const [value, words] of Object.entries(pack.optionWords)) all[value] = [...(all[value] ?? []), ...words];
  return all;
}, {});

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
