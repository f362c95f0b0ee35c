import { packPhrases, perActivePacks } from './language-packs';
import { normaliseText } from './text-normalise';

/**
 * Numbers as visitors type them: "12k", "1.2M", "about 40 thousand", "40,000", "around 5 000",
 * "forty thousand", "half a million"; and in German, Spanish and French ("40 Tsd", "vierzigtausend",
 * "cuarenta mil", "40 mil", "quarante mille") from the language packs. Pure; no locale guessing
 * beyond what the shape makes certain, except "mil": a million in English slang, a thousand in
 * Spanish and French (see milMultiplier).
 */
export interface NumberMatch {
  value: number;
  /** Offsets into the text the match was found in, so callers can remove consumed spans. */
  start: number;
  end: number;
}

const SUFFIX_MULTIPLIERS: Record<string, number> = {
  k: 1_000,
  thousand: 1_000,
  thousands: 1_000,
  grand: 1_000,
  m: 1_000_000,
  mm: 1_000_000,
  mil: 1_000_000,
  mio: 1_000_000,
  million: 1_000_000,
  millions: 1_000_000,
  b: 1_000_000_000,
  bn: 1_000_000_000,
  billion: 1_000_000_000,
  hundred: 100,
  lakh: 100_000,
};

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
// The packs' number words add up like units and tens; their scales multiply. "mil" is left out of
// SCALES: as a word after digits it is decided by milMultiplier(), and "cuarenta mil" is read below.
// The tables are those of the agent's language pack (language-packs/active-language.ts).
const packTables = perActivePacks((packs) => {
  const numbers: Record<string, number> = {};
  const scales: Record<string, number> = {};
  for (const pack of packs) {
    for (const [word, value] of Object.entries(pack.numberWords)) numbers[word] ??= value;
    for (const [word, value] of Object.entries(pack.scales)) scales[word] ??= value;
  }
  const multipliers: Record<string, number> = Object.assign({}, ...packs.map((pack) => pack.multipliers));
  delete multipliers.mil;
  return { numbers, scales, multipliers, digitNumber: digitNumberPattern(Object.keys(multipliers)) };
});
/** Words that show a text is Spanish or French, where "40 mil" is forty thousand. */
const MIL_AS_THOUSAND = /\b(?:seguidores|suscriptores|visitas|lectores|oyentes|personas|unos|unas|alrededor|aproximadamente|casi|más|mas|tengo|somos|abonnés|abonnes|environ|presque|lecteurs|visiteurs|personnes|j'ai|de|y|et)\b/i;

/**
 * "mil" is a thousand in Spanish and French and a million in English slang ("2 mil subs"). Read as a
 * thousand around Spanish or French words, or after a figure of 10 or more: "200 mil" followers is a
 * Spanish 200,000 far more often than an English 200 million.
 */
function milMultiplier(text: string, base: number): number {
  return MIL_AS_THOUSAND.test(text) || base >= 10 ? 1_000 : 1_000_000;
}
const VAGUE_BEFORE_SCALE = new Set(['few', 'several', 'couple', 'many', 'some', 'of', 'lots', 'tons', 'multiple', 'various']);
/** Articles that are also "one": a figure only before a scale ("un millón", "eine Million"), never alone ("un blog"). */
const ARTICLES = new Set(['un', 'une', 'uno', 'una', 'ein', 'eine', 'einen']);
const isScaleWord = (word: string | undefined) => word !== undefined && (word in SCALES || word in packTables().scales || word === 'mil');

/**
 * Digits with optional grouping ("40,000", "40.000", "5 000", "1'000") or a decimal part ("1.2"),
 * then an optional multiplier word or letter. The grouping separator must be followed by exactly three digits.
 */
function digitNumberPattern(packMultipliers: string[]): RegExp {
  return new RegExp(
    `(?<![\\w.,@/])(\\d{1,3}(?:(?:,\\d{3})+|(?:\\.\\d{3}){2,}|(?: \\d{3})+(?![\\d.,])|(?:'\\d{3})+)|\\d+(?:[.,]\\d+)?)(?:\\s?(k|m|mm|mil|mio|b|bn|thousands?|grand|millions?|billion|lakh|hundred${packMultipliers.map((word) => `|${word}`).join('')})(?![\\p{L}\\d]))?(?![\\w@])`,
    'giu',
  );
}

function digitsToNumber(digits: string): number {
  if (/^\d{1,3}((,\d{3})+|(\.\d{3}){2,}|( \d{3})+|('\d{3})+)$/.test(digits)) return Number(digits.replace(/[,. ']/g, ''));
  // "40.000" alone is ambiguous between forty and forty thousand; audiences are whole numbers, so a
  // dot or comma followed by exactly three digits is read as grouping.
  if (/^\d{1,3}[.,]\d{3}$/.test(digits)) return Number(digits.replace(/[.,]/, ''));
  return Number(digits.replace(',', '.'));
}

function roundValue(value: number): number {
  return Math.round(value * 1000) / 1000;
}

// "2-5k", "10 to 20 thousand", "between 10 and 20 thousand".
const RANGE_TAIL = /^\s*(?:-|–|to|and)\s*\d+(?:[.,]\d+)?\s?(k|m|mil|thousand|million)?\b/i;

function findDigitNumbers(text: string): NumberMatch[] {
  const matches: NumberMatch[] = [];
  const { digitNumber, multipliers: packMultipliers } = packTables();
  for (const match of text.matchAll(digitNumber)) {
    const base = digitsToNumber(match[1]);
    if (!Number.isFinite(base)) continue;
    const start = match.index ?? 0;
    if (matches.some((earlier) => start < earlier.end)) continue;
    let suffix = match[2]?.toLowerCase();
    let end = start + match[0].length;
    // The range rule: "2-5k" and "10 to 20 thousand" read as their lower bound with the shared
    // multiplier (2,000; 10,000), the figure the visitor can vouch for. The upper bound is consumed.
    const range = RANGE_TAIL.exec(text.slice(end));
    if (range) {
      suffix = suffix ?? range[1]?.toLowerCase();
      end += range[0].length;
    }
    const multiplier = !suffix ? 1 : suffix === 'mil' ? milMultiplier(text, base) : SUFFIX_MULTIPLIERS[suffix] ?? packMultipliers[suffix] ?? 1;
    matches.push({ value: roundValue(base * multiplier), start, end });
  }
  return matches;
}

const WORD_TOKEN = /\p{L}+/gu;

/** "vierzigtausend", "zweihundert": German writes a number as one word. */
function germanCompound(word: string): number | null {
  const match = /^(\p{L}+?)(hundert|tausend)$/u.exec(word);
  if (!match) return null;
  const head = packTables().numbers[match[1]];
  return head === undefined ? null : head * (match[2] === 'hundert' ? 100 : 1_000);
}

/** "forty thousand", "two hundred and fifty", "half a million", "a million", "a few thousand". */
function findWordNumbers(text: string): NumberMatch[] {
  const tokens = [...text.matchAll(WORD_TOKEN)].map((match) => ({ word: match[0].toLowerCase(), start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
  const results: NumberMatch[] = [];
  const { numbers: packNumbers, scales: packScales } = packTables();
  let index = 0;
  while (index < tokens.length) {
    const startIndex = index;
    let total = 0;
    let current = 0;
    let consumed = false;
    let lastEnd = tokens[index].end;
    // "half a million" and "a million" start with words that are not numbers on their own.
    if (tokens[index].word === 'half' && tokens[index + 1]?.word === 'a' && SCALES[tokens[index + 2]?.word ?? ''] >= 1000) {
      results.push({ value: SCALES[tokens[index + 2].word] / 2, start: tokens[index].start, end: tokens[index + 2].end });
      index += 3;
      continue;
    }
    if (tokens[index].word === 'a' && SCALES[tokens[index + 1]?.word ?? ''] >= 100) {
      current = 1;
      index += 1;
      consumed = true;
    }
    while (index < tokens.length) {
      const word = tokens[index].word;
      const compound = germanCompound(word);
      if (compound !== null) {
        total += compound;
      } else if (word in UNITS) current += UNITS[word];
      else if (word in TENS) current += TENS[word];
      else if (word === 'hundred') current = (current || 1) * 100;
      else if (word in SCALES) {
        total += (current || 1) * SCALES[word];
        current = 0;
      } else if (word in packScales || word === 'mil') {
        // "cuarenta mil", "quarante mille", "zwei Millionen"; a scale word alone ("mil") is no figure.
        if (!consumed) break;
        total += (current || 1) * (packScales[word] ?? 1_000);
        current = 0;
      } else if (word in packNumbers && (!ARTICLES.has(word) || isScaleWord(tokens[index + 1]?.word))) {
        current += packNumbers[word];
      } else if (word === 'and' && consumed && index + 1 < tokens.length && (tokens[index + 1].word in UNITS || tokens[index + 1].word in TENS)) {
        // "two hundred and fifty"
      } else break;
      consumed = true;
      lastEnd = tokens[index].end;
      index += 1;
    }
    if (consumed && index > startIndex) {
      const value = total + current;
      const onlyArticle = index - startIndex === 1 && tokens[startIndex].word === 'a';
      // "a few thousand" / "several hundred" give a scale, not a figure: no number is read from them.
      const vague = tokens[startIndex].word in SCALES && VAGUE_BEFORE_SCALE.has(tokens[startIndex - 1]?.word ?? '');
      if (!onlyArticle && !vague) results.push({ value, start: tokens[startIndex].start, end: lastEnd });
    } else index = startIndex + 1;
  }
  return results;
}

/** Every number in the text, in order of appearance; digit forms win where both overlap. */
export function findNumbers(text: string): NumberMatch[] {
  const digits = findDigitNumbers(text);
  const words = findWordNumbers(text).filter((word) => !digits.some((digit) => word.start < digit.end && digit.start < word.end));
  return [...digits, ...words].sort((left, right) => left.start - right.start);
}

/**
 * The one number a reply is about ("about 40k", "40,000 subscribers"). A range ("10-20k") gives its
 * lower bound, because qualifying on the figure the visitor can vouch for is the safer reading.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/(\d)\s*(?:-|–|to|and)\s*(\d+(?:[.,]\d+)?)\s*(k|m|thousand|million)\b/gi, (_all, low: string, _high: string, suffix: string) => `${low}${suffix}`);
  const numbers = findNumbers(cleaned);
  return numbers.length > 0 ? numbers[0].value : null;
}

/**
 * Amounts a person gives without a figure: "a few thousand", "lots", "some", "hundreds". They are
 * asked again with a hint rather than turned into a guess (an invented 1,000 would qualify a lead
 * on a number nobody said).
 */
const VAGUE_AMOUNT =
  /\b(?:a few|few|several|some|lots|a lot|loads|tons|plenty|many|quite a (?:few|lot|bit)|a bunch|a couple(?: of)?|a handful|not (?:many|much|a lot)|hundreds|thousands|millions|dozens|a good number|a decent (?:number|amount)|a fair amount|quite some)\b/i;

export function isVagueAmount(text: string): boolean {
  const normal = ` ${normaliseText(text)} `;
  const vague = VAGUE_AMOUNT.test(text) || packPhrases().vagueAmounts.some((phrase) => normal.includes(` ${phrase} `));
  return vague && findDigitNumbers(text).length === 0 && findWordNumbers(text).length === 0;
}
