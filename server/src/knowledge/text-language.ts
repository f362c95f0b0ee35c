import { SEARCH_LANGUAGES, type SearchLanguage } from './stemming';
import { STOP_WORDS_BY_LANGUAGE } from './stop-words';

/**
 * Which language a text is in, from its stop words: the language whose list covers the most words,
 * when it covers at least two and clearly more than any other. Otherwise English, the default of the
 * index. The same rule runs on a chunk when it is indexed and on a question when it is asked, so a
 * German FAQ and a German question are stemmed alike.
 */
const MIN_STOP_WORDS = 2;

export function detectSearchLanguage(foldedWords: string[]): SearchLanguage {
  const counts = SEARCH_LANGUAGES.map((language) => ({ language, count: foldedWords.filter((word) => STOP_WORDS_BY_LANGUAGE[language].has(word)).length }));
  counts.sort((a, b) => b.count - a.count);
  const [best, second] = counts;
  if (best.language === 'en' || best.count < MIN_STOP_WORDS || best.count <= second.count) return 'en';
  return best.language;
}
