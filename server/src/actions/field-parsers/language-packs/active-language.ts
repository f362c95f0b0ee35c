import { AsyncLocalStorage } from 'node:async_hooks';
import type { LanguagePack } from './language-pack';
import { german } from './de';
import { spanish } from './es';
import { french } from './fr';

/**
 * Which language packs are read for the turn in hand. The agent's language picks them: its own pack
 * (German for "de" or "de-AT") on top of English, which lives in the parser files and is always read,
 * so "cancel" or "yes" work on every agent. The other packs are off, so a German "die" or a French
 * "on" is never read as vocabulary of a language the agent does not speak, and an English agent reads
 * English only. A language with no pack ("pt-BR") reads English only.
 *
 * The runtime sets the language once per turn (runTurn), for both engines; the parsers ask
 * activePacks() instead of taking a parameter through every call. Outside a turn (unit tests of a
 * parser, tools with no agent) every pack is read, as before packs were chosen.
 */
export const ALL_LANGUAGE_PACKS: readonly LanguagePack[] = [german, spanish, french];

const turnPacks = new AsyncLocalStorage<readonly LanguagePack[]>();

/** The packs an agent with this language tag reads, besides English. */
export function packsForLanguage(languageTag: string): readonly LanguagePack[] {
  const code = languageTag.toLowerCase().split('-')[0];
  return ALL_LANGUAGE_PACKS.filter((pack) => pack.code === code);
}

/** Runs `work` (and everything it awaits) reading the packs of an agent with this language. */
export function withAgentLanguage<T>(languageTag: string, work: () => T): T {
  return turnPacks.run(packsForLanguage(languageTag), work);
}

export function activePacks(): readonly LanguagePack[] {
  return turnPacks.getStore() ?? ALL_LANGUAGE_PACKS;
}

/**
 * A table built from the active packs (a regular expression, a word list), built once per set of
 * packs and then reused: `const cues = perActivePacks((packs) => …)`, read as `cues()`.
 */
export function perActivePacks<T>(build: (packs: readonly LanguagePack[]) => T): () => T {
  const built = new Map<string, T>();
  return () => {
    const packs = activePacks();
    const key = packs.map((pack) => pack.code).join(',');
    if (!built.has(key)) built.set(key, build(packs));
    return built.get(key) as T;
  };
}
