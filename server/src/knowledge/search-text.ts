import { programTerm, withProgramPhrases } from './program-synonyms';
import { stemWord, type SearchLanguage } from './stemming';
import { STOP_WORDS_BY_LANGUAGE } from './stop-words';
import { detectSearchLanguage } from './text-language';

/**
 * The one normalisation shared by indexing and querying: lower case, split on anything that is not a
 * letter or digit, stop words dropped, a Snowball stemmer for the text's language (stemming.ts),
 * accents removed, and English program vocabulary folded onto one term (program-synonyms.ts).
 * Doing it here rather than in SQLite's porter tokenizer means the query builder knows the exact
 * indexed form of every query term, so it can look up how common a term is before using it.
 *
 * SEARCH_TEXT_VERSION names this normalisation; stored search text made by another version is
 * rebuilt at start-up (knowledge-repository.ts), so old chunks and new questions always agree.
 */
export const SEARCH_TEXT_VERSION = 'snowball-2';

const TOKEN = /[\p{L}\p{N}]+/gu;
const MAX_TOKEN_LENGTH = 40;

const NON_ASCII = /[^\x00-\x7f]/;

function fold(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '') : text;
}

/** Enough words to tell a language by its stop words; a long document is not read twice in full. */
const LANGUAGE_SAMPLE_CHARS = 1200;

/** A word's stem for the default language, as the index holds it. */
export function stem(word: string): string {
  return programTerm(fold(stemWord(word.toLowerCase(), 'en')));
}

function wordsOf(text: string, language?: SearchLanguage): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  return [...(language === 'en' ? withProgramPhrases(lower) : lower).matchAll(TOKEN)].map((match) => match[0]);
}

/**
 * Words repeat across a site, so each word's indexed form is remembered per language (bounded, and
 * started afresh when full): indexing then costs about a map lookup per word.
 */
const TOKEN_CACHE_SIZE = 200_000;
const tokenCaches = new Map<SearchLanguage, Map<string, string | null>>();

function normalizeWord(word: string, language: SearchLanguage): string | null {
  let cache = tokenCaches.get(language);
  if (!cache) {
    cache = new Map();
    tokenCaches.set(language, cache);
  }
  const known = cache.get(word);
  if (known !== undefined) return known;
  const token = computeToken(word, language);
  if (cache.size >= TOKEN_CACHE_SIZE) cache.clear();
  cache.set(word, token);
  return token;
}

function computeToken(word: string, language: SearchLanguage): string | null {
  const folded = fold(word);
  if (word.length > MAX_TOKEN_LENGTH || STOP_WORDS_BY_LANGUAGE[language].has(folded)) return null;
  if (folded.length === 1 && !/\d/.test(folded)) return null;
  // Stemmed before folding: the Snowball rules for German, Spanish and French read the accents.
  const stemmed = fold(stemWord(word, language));
  return language === 'en' ? programTerm(stemmed) : stemmed;
}

/** The language a text is stemmed in (detected from its stop words, English by default). */
export function searchLanguageOf(text: string): SearchLanguage {
  return detectSearchLanguage(wordsOf(text.slice(0, LANGUAGE_SAMPLE_CHARS)).map(fold));
}

/** Index/query tokens in order of appearance (duplicates kept, positions matter for phrases). */
export function searchTokens(text: string, language: SearchLanguage = searchLanguageOf(text)): string[] {
  const tokens: string[] = [];
  for (const word of wordsOf(text, language)) {
    const token = normalizeWord(word, language);
    if (token) tokens.push(token);
  }
  return tokens;
}

export function searchText(text: string, language?: SearchLanguage): string {
  return searchTokens(text, language).join(' ');
}
