import type { ActionDefinition, ActionField } from '../../actions/action-definition';
import { normaliseText } from '../../actions/field-parsers/text-normalise';

/**
 * Values the visitor ties to a field by name: "my email is …", "change the platform to TikTok",
 * "audience: 40k". This is how corrections arrive, so it runs before any type-based guessing.
 */
export interface FieldReference {
  field: ActionField;
  valueText: string;
  start: number;
  end: number;
}

// Label words that name no field on their own ("Main platform" is "platform", not "main").
const WEAK_WORDS = new Set(['main', 'your', 'the', 'or', 'and', 'of', 'size', 'source', 'preference', 'account', 'method', 'details', 'optional', 'link', 'type', 'number']);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words that name a field, strongest first: the whole label, the key, then single label words. */
export function referencePhrases(field: ActionField): Array<{ phrase: string; strength: number }> {
  const phrases = new Map<string, number>();
  const add = (phrase: string, strength: number) => {
    if (phrase !== '' && (phrases.get(phrase) ?? 0) < strength) phrases.set(phrase, strength);
  };
  add(normaliseText(field.label), 3);
  add(normaliseText(field.label.replace(/\(.*?\)/g, '')), 3);
  add(field.key.replace(/_/g, ' '), 3);
  for (const word of normaliseText(field.label.replace(/\(.*?\)/g, '')).split(' ')) if (word.length >= 4 && !WEAK_WORDS.has(word)) add(word, 1);
  if (field.type === 'email') add('e mail', 1);
  if (field.type === 'url') {
    for (const word of ['link', 'url', 'profile', 'channel link', 'site']) add(word, 1);
  }
  return [...phrases.entries()].map(([phrase, strength]) => ({ phrase, strength })).sort((left, right) => right.phrase.length - left.phrase.length);
}

// A value runs to the next comma, "and" or sentence end; a comma inside a number ("2,500") is part of it.
const VALUE = `((?:[^,;\\n]|,(?=\\d{3}))+?)(?=\\s*(?:,(?!\\d{3})|[;\\n!]|\\.(?:\\s|$)|\\band\\b|\\bbut\\b|\\bplease\\b|$))`;

// Compiled once per phrase: field labels repeat every turn and compiling dominates the cost.
// Safe to share because matchAll works on a copy of a global regular expression.
const patternCache = new Map<string, RegExp[]>();

function patternsFor(phrase: string): RegExp[] {
  const cached = patternCache.get(phrase);
  if (cached) return cached;
  const patterns = compilePatterns(phrase);
  if (patternCache.size > 2000) patternCache.clear();
  patternCache.set(phrase, patterns);
  return patterns;
}

function compilePatterns(phrase: string): RegExp[] {
  const reference = phrase.split(' ').map(escape).join('[\\s_-]*');
  return [
    new RegExp(`\\b(?:change|update|set|make|switch|correct|fix)\\s+(?:my\\s+|the\\s+)?(?:${reference})\\s+(?:to|into|as|=|:)\\s*${VALUE}`, 'giu'),
    new RegExp(`\\b(?:my|the)\\s+(?:${reference})(?:'s|\\s+is|\\s+was|\\s+should\\s+be|\\s+would\\s+be|\\s+is\\s+actually|\\s*[:=])\\s*${VALUE}`, 'giu'),
    new RegExp(`(?:^|[,;\\n]\\s*)(?:${reference})\\s*(?:[:=]|\\s+is|\\s+should\\s+be)\\s*${VALUE}`, 'giu'),
  ];
}

export function findFieldReferences(text: string, definition: ActionDefinition): FieldReference[] {
  const candidates: Array<FieldReference & { strength: number }> = [];
  for (const field of definition.fields) {
    for (const { phrase, strength } of referencePhrases(field)) {
      for (const pattern of patternsFor(phrase)) {
        for (const match of text.matchAll(pattern)) {
          const start = match.index ?? 0;
          candidates.push({ field, valueText: match[1].trim(), start, end: start + match[0].length, strength });
        }
      }
    }
  }
  // Where two fields claim the same words ("email" is both Email and Payout email), the stronger
  // naming wins, then the earlier field.
  candidates.sort((left, right) => right.strength - left.strength || left.start - right.start);
  const chosen: FieldReference[] = [];
  for (const candidate of candidates) {
    const overlaps = chosen.some((taken) => candidate.start < taken.end && taken.start < candidate.end);
    const sameField = chosen.some((taken) => taken.field.key === candidate.field.key);
    if (!overlaps && !sameField && candidate.valueText !== '') chosen.push({ field: candidate.field, valueText: candidate.valueText, start: candidate.start, end: candidate.end });
  }
  return chosen.sort((left, right) => left.start - right.start);
}

/** The field a short message names ("the email", "change platform"), strongest naming first; null if none. */
export function fieldNamedIn(text: string, definition: ActionDefinition): ActionField | null {
  const normal = ` ${normaliseText(text)} `;
  let best: { field: ActionField; strength: number } | null = null;
  for (const field of definition.fields) {
    for (const { phrase, strength } of referencePhrases(field)) {
      if (normal.includes(` ${phrase} `) && (!best || strength > best.strength)) best = { field, strength };
    }
  }
  return best?.field ?? null;
}

const NAMING_FILLER = new Set(
  'the my a an change edit fix update correct modify i want to would like need id please just only field that this one value answer it is its wrong actually go back'.split(' '),
);

/** The field a message only names, with no new value ("the email", "change my platform"); else null. */
export function fieldOnlyNamedIn(text: string, definition: ActionDefinition): ActionField | null {
  const remainder = normaliseText(text)
    .split(' ')
    .filter((word) => !NAMING_FILLER.has(word))
    .join(' ');
  if (remainder === '') return null;
  for (const field of definition.fields) {
    if (referencePhrases(field).some(({ phrase }) => phrase === remainder)) return field;
  }
  return null;
}
