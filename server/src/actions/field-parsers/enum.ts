import { normaliseText, similarEnough, words } from './text-normalise';
import { activePacks, packOptionWords, perActivePacks } from './language-packs';

/** Matching a reply to one of an enum field's options by value, label, synonym or close spelling. */
export interface EnumOption {
  value: string;
  label: string;
  synonyms?: string[];
}

export interface EnumMatch {
  value: string;
  label: string;
  /** 1 for an exact answer; lower for a phrase inside a sentence or a misspelling. */
  score: number;
  /**
   * 'label-part' is one part of a label of several ("deals" of "Coupons and deals"): an everyday
   * word as much as a synonym is, so it is not the option's own name.
   */
  how: 'value' | 'label' | 'label-part' | 'synonym' | 'fuzzy';
  /** The normalised words that matched, so a caller can remove them before reading other fields. */
  phrase: string;
}

export interface EnumMatchOptions {
  /** Allow misspellings ("youtub", "instagarm"). Off when scanning a sentence about something else. */
  fuzzy?: boolean;
  /** The least similarity a misspelt word needs; 0.75 lets one typo through in a 4–7 letter word. */
  threshold?: number;
}

function phrasesOf(option: EnumOption): Array<{ phrase: string; how: EnumMatch['how'] }> {
  // Labels come first so an answer that is both the label and the value reports 'label'.
  // The value before the label's parts, so "seo" reports 'value' rather than a part of "SEO / search".
  const phrases: Array<{ phrase: string; how: EnumMatch['how'] }> = [
    { phrase: normaliseText(option.label), how: 'label' },
    { phrase: normaliseText(option.value.replace(/_/g, ' ')), how: 'value' },
  ];
  // "Blog or website" and "SEO / search" answer to each of their parts.
  for (const part of option.label.split(/\s+or\s+|\/|,|&|\band\b/i)) {
    const phrase = normaliseText(part);
    if (phrase !== '' && phrase !== normaliseText(option.label)) phrases.push({ phrase, how: 'label-part' });
  }
  for (const synonym of option.synonyms ?? []) phrases.push({ phrase: normaliseText(synonym), how: 'synonym' });
  // The German, Spanish and French names of the template's options (language-packs/).
  for (const synonym of packOptionWords()[option.value] ?? []) phrases.push({ phrase: normaliseText(synonym), how: 'synonym' });
  return phrases.filter((entry) => entry.phrase !== '');
}

function position(haystack: string, phrase: string): number {
  return ` ${haystack} `.indexOf(` ${phrase} `);
}

function containsPhrase(haystack: string, phrase: string): boolean {
  return ` ${haystack} `.includes(` ${phrase} `);
}

/** Option words of four letters or more stand as the tail of a compound three letters longer or more ("reiseblog"). */
const COMPOUND_TAIL_MINIMUM = 4;
const COMPOUND_HEAD_MINIMUM = 3;

/** The option words of the active packs that write compounds ("kanal"): they may end a compound. */
const compoundPackWords = perActivePacks((packs) => new Set(packs.filter((pack) => pack.compoundWords).flatMap((pack) => Object.values(pack.optionWords).flat()).map(normaliseText)));

/**
 * The compound word of the text that ends in a one-word phrase ("reiseblog" for "blog",
 * "kochkanal" for "kanal"), in a language that writes compounds. Only an option's own name or the
 * pack's words end a compound: English synonyms would find "gram" in "program".
 */
function compoundEndingIn(textWords: string[], phrase: string, how: EnumMatch['how']): string | null {
  if (phrase.includes(' ') || phrase.length < COMPOUND_TAIL_MINIMUM) return null;
  if (!activePacks().some((pack) => pack.compoundWords)) return null;
  if (how === 'synonym' && !compoundPackWords().has(phrase)) return null;
  return textWords.find((word) => word.length >= phrase.length + COMPOUND_HEAD_MINIMUM && word.endsWith(phrase)) ?? null;
}

/** The best similarity between a phrase and any run of the same number of words in the text. */
function bestWindowSimilarity(textWords: string[], phrase: string, threshold: number): { score: number; window: string } {
  const phraseWords = phrase.split(' ');
  let best = { score: 0, window: '' };
  // Short words ("ig", "yt", "x") are only ever matched exactly: one typo in them is another word.
  if (phrase.replace(/ /g, '').length < 4) return best;
  for (let start = 0; start + phraseWords.length <= textWords.length; start += 1) {
    const window = textWords.slice(start, start + phraseWords.length).join(' ');
    const score = similarEnough(window, phrase, threshold);
    if (score > best.score) best = { score, window };
  }
  // Words typed together ("tik tok" as "tiktok", "youtube channel" as "youtubechannel").
  const joined = phrase.replace(/ /g, '');
  for (const word of textWords) {
    const score = similarEnough(word, joined, threshold);
    if (score > best.score) best = { score, window: word };
  }
  return best;
}

/** Misspellings are forgiven in short answers; a long message that merely resembles an option is not one. */
const MAX_FUZZY_WORDS = 30;

/**
 * The option a reply names, or null when none is close enough or two options tie (an ambiguous
 * answer is asked again rather than guessed).
 */
export function matchEnumOption(text: string, options: EnumOption[], settings: EnumMatchOptions = {}): EnumMatch | null {
  const normal = normaliseText(text);
  if (normal === '') return null;
  const textWords = words(text);
  const normalWords = normal.split(' ');
  const threshold = settings.threshold ?? 0.75;
  const scored: EnumMatch[] = [];
  for (const option of options) {
    let best: EnumMatch | null = null;
    for (const { phrase, how } of phrasesOf(option)) {
      let score = 0;
      let matched = phrase;
      if (normal === phrase) score = 1;
      // Inside a sentence, longer phrases are more specific ("facebook ads" beats "facebook").
      else if (containsPhrase(normal, phrase)) score = 0.9 + Math.min(phrase.length, 40) / 1000;
      else if (compoundEndingIn(normalWords, phrase, how)) {
        // "Reiseblog" names a blog as surely as "Reise-Blog" does, a little less surely than "Blog".
        score = 0.9 + Math.min(phrase.length, 40) / 2000;
        matched = compoundEndingIn(normalWords, phrase, how)!;
      }
      else if (settings.fuzzy !== false && textWords.length <= MAX_FUZZY_WORDS) {
        const fuzzy = bestWindowSimilarity(textWords, phrase, threshold);
        if (fuzzy.score >= threshold) {
          score = 0.5 + fuzzy.score * 0.3;
          matched = fuzzy.window;
        }
      }
      const matchHow: EnumMatch['how'] = score > 0 && score < 0.9 ? 'fuzzy' : how;
      if (score > 0 && (!best || score > best.score)) best = { value: option.value, label: option.label, score, how: matchHow, phrase: matched };
    }
    if (best) scored.push(best);
  }
  scored.sort((left, right) => right.score - left.score);
  if (scored.length === 0) return null;
  // "Mainly YouTube, some Instagram": when several options are named outright, the first named is
  // the main one. Near-equal misspellings stay ambiguous and are asked again.
  const named = scored.filter((match) => match.score >= 0.9 && !scored.some((other) => other !== match && other.score >= 0.9 && other.phrase.length > match.phrase.length && ` ${other.phrase} `.includes(` ${match.phrase} `)));
  if (named.length > 1) return named.reduce((first, match) => (position(normal, match.phrase) < position(normal, first.phrase) ? match : first));
  if (scored.length > 1 && scored[0].score - scored[1].score < 0.001) return null;
  return scored[0];
}

/** "1" or "2nd" picks an option by its position in the question's list. */
export function matchEnumByPosition(text: string, options: EnumOption[]): EnumMatch | null {
  const match = /^\s*(?:option\s*)?(\d{1,2})(?:st|nd|rd|th)?\s*[.)]?\s*$/i.exec(text);
  if (!match) return null;
  const option = options[Number(match[1]) - 1];
  return option ? { value: option.value, label: option.label, score: 1, how: 'value', phrase: match[1] } : null;
}
