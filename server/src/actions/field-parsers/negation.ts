import { LANGUAGE_PACKS, escapeForPattern } from './language-packs';

/**
 * What a visitor says they do NOT have or use. "I'm not on YouTube, I run a blog" names YouTube,
 * but only to rule it out; a value inside a negated span never counts as given, on either engine.
 *
 * The scope of a negation runs from its cue to the end of the clause: a comma or sentence mark, or
 * a word that turns to the affirmative ("but", "just", "only", "more like", "actually", "now").
 * "X instead of Y" / "X rather than Y" negate only Y.
 */
export interface NegatedSpan {
  start: number;
  end: number;
}

const APOSTROPHE = "['’]?";
const CUES = [
  `\\bnot(?!\\s+(?:only|just|sure|bad)\\b)`,
  `\\bno longer\\b`,
  `\\bnever\\b`,
  `\\bused to\\b`,
  `\\binstead of\\b`,
  `\\brather than\\b`,
  `\\bdon${APOSTROPHE}t\\b`,
  `\\bdoesn${APOSTROPHE}t\\b`,
  `\\bdidn${APOSTROPHE}t\\b`,
  `\\bisn${APOSTROPHE}t\\b`,
  `\\baren${APOSTROPHE}t\\b`,
  `\\bwasn${APOSTROPHE}t\\b`,
  `\\bhaven${APOSTROPHE}t\\b`,
  `\\bcan${APOSTROPHE}t\\b`,
  `\\bnor\\b`,
  // "no YouTube, just a blog"; "no," and "no problem" are answers, not a negated value.
  `\\bno(?=\\s+(?!problem|worries|thanks|idea|doubt)[\\p{L}\\d@])`,
];
// German, Spanish and French cues and turning words come from the language packs. Their \b is made
// Unicode-aware: JavaScript's \b sees a boundary inside "chaîne", before its "ne".
// Every pack cue starts with \b before a letter, so the boundary there is "no letter or digit
// before", checked once for all of them: repeating the two-sided boundary in each alternative made
// the expression take ~100 ms (hundreds on a busy machine) to compile on the first chat turn.
const UNICODE_BOUNDARY = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';
function packCueBody(cue: string): string {
  if (!cue.startsWith('\\b')) throw new Error(`negation cue '${cue}' of a language pack must start with \\b`);
  return cue
    .slice(2)
    .replace(/\\b$/, '(?![\\p{L}\\p{N}])')
    .split('\\b')
    .join(UNICODE_BOUNDARY);
}
const PACK_CUES = `(?<![\\p{L}\\p{N}])(?:${LANGUAGE_PACKS.flatMap((pack) => pack.negationCues).map(packCueBody).join('|')})`;
const CUE = new RegExp([...CUES, PACK_CUES].join('|'), 'giu');
const PACK_SCOPE_ENDS = LANGUAGE_PACKS.flatMap((pack) => pack.negationScopeEnds).map(escapeForPattern);
const SCOPE_END = new RegExp(
  `[,.;:!?\\n()]|\\s[-–—]\\s|(?<![\\p{L}])(?:but|just|only|more like|closer to|actually|now|instead|rather|however|though|i run|i have|i use|i am|i'm|im|${PACK_SCOPE_ENDS.join('|')})(?![\\p{L}])`,
  'giu',
);

// V8 compiles a regular expression at its first use and again to machine code at its second; both
// are slow for these large Unicode case-insensitive patterns, so they happen here, at start-up,
// instead of inside a visitor's first chat turns.
for (let warm = 0; warm < 2; warm++) negatedSpans('I am not on YouTube, but I run a blog; ich habe keine Webseite.');

export function negatedSpans(text: string): NegatedSpan[] {
  const spans: NegatedSpan[] = [];
  for (const cue of text.matchAll(CUE)) {
    const start = (cue.index ?? 0) + cue[0].length;
    SCOPE_END.lastIndex = start;
    const end = SCOPE_END.exec(text);
    spans.push({ start: cue.index ?? 0, end: end ? end.index : text.length });
  }
  return spans;
}

/** The text with every negated span blanked out (same length, so offsets stay valid). */
export function affirmedText(text: string): string {
  let result = text;
  for (const span of negatedSpans(text)) result = result.slice(0, span.start) + ' '.repeat(span.end - span.start) + result.slice(span.end);
  return result;
}

export function isNegatedAt(text: string, start: number, end: number): boolean {
  return negatedSpans(text).some((span) => start < span.end && span.start < end);
}
