/**
 * Numbers as visitors type them: "12k", "1.2M", "about 40 thousand", "40,000", "around 5 000",
 * "forty thousand", "half a million". Pure; no locale guessing beyond what the shape makes certain.
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

/**
 * Digits with optional grouping ("40,000", "40.000", "5 000", "1'000") or a decimal part ("1.2"),
 * then an optional multiplier word or letter. The grouping separator must be followed by exactly three digits.
 */
const DIGIT_NUMBER =
  /(?<![\w.,@/])(\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?: \d{3})+(?![\d.,])|(?:'\d{3})+)|\d+(?:[.,]\d+)?)(?:\s?(k|m|mm|mil|mio|b|bn|thousands?|grand|millions?|billion|lakh|hundred)\b)?(?![\w@])/gi;

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

function findDigitNumbers(text: string): NumberMatch[] {
  const matches: NumberMatch[] = [];
  for (const match of text.matchAll(DIGIT_NUMBER)) {
    const base = digitsToNumber(match[1]);
    if (!Number.isFinite(base)) continue;
    const suffix = match[2]?.toLowerCase();
    const multiplier = suffix ? SUFFIX_MULTIPLIERS[suffix] ?? 1 : 1;
    matches.push({ value: roundValue(base * multiplier), start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  }
  return matches;
}

const WORD_TOKEN = /[a-z]+/gi;

/** "forty thousand", "two hundred and fifty", "half a million", "a million", "a few thousand". */
function findWordNumbers(text: string): NumberMatch[] {
  const tokens = [...text.matchAll(WORD_TOKEN)].map((match) => ({ word: match[0].toLowerCase(), start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
  const results: NumberMatch[] = [];
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
      if (word in UNITS) current += UNITS[word];
      else if (word in TENS) current += TENS[word];
      else if (word === 'hundred') current = (current || 1) * 100;
      else if (word in SCALES) {
        total += (current || 1) * SCALES[word];
        current = 0;
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
      if (!onlyArticle) results.push({ value, start: tokens[startIndex].start, end: lastEnd });
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
  const cleaned = text.replace(/(\d)\s*(?:-|–|to)\s*(\d+(?:[.,]\d+)?)\s*(k|m|thousand|million)\b/gi, (_all, low: string, _high: string, suffix: string) => `${low}${suffix}`);
  const numbers = findNumbers(cleaned);
  return numbers.length > 0 ? numbers[0].value : null;
}
