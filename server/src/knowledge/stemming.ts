/**
 * Snowball stemmers (the `snowball-stemmers` package, a port of the reference Snowball algorithms)
 * for the languages the agent speaks. One stemmer per language, made on first use: a stemmer keeps
 * state between calls but is synchronous, so one per thread is safe.
 */
export const SEARCH_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballModule {
  newStemmer(algorithm: string): SnowballStemmer;
}

const ALGORITHM: Record<SearchLanguage, string> = { en: 'english', de: 'german', es: 'spanish', fr: 'french' };

// The package ships no type declarations; its whole surface used here is newStemmer().stem().
const snowball = require('snowball-stemmers') as SnowballModule;
const stemmers = new Map<SearchLanguage, { stemmer: SnowballStemmer; cache: Map<string, string> }>();
/**
 * The Snowball port costs about a microsecond and a half per word, thirty times the rest of the
 * normalisation; a site's vocabulary is small and repeats, so stems are remembered (per language, up
 * to CACHE_SIZE words, then started afresh: a rare flush costs less than tracking recency).
 */
const CACHE_SIZE = 100_000;

export function stemWord(word: string, language: SearchLanguage): string {
  // Numbers and codes ("w9", "30day") are kept as they are: a stemmer would only blur them.
  if (word.length <= 2 || /\d/.test(word)) return word;
  let entry = stemmers.get(language);
  if (!entry) {
    entry = { stemmer: snowball.newStemmer(ALGORITHM[language]), cache: new Map() };
    stemmers.set(language, entry);
  }
  let stem = entry.cache.get(word);
  if (stem === undefined) {
    stem = entry.stemmer.stem(word);
    if (entry.cache.size >= CACHE_SIZE) entry.cache.clear();
    entry.cache.set(word, stem);
  }
  return stem;
}
