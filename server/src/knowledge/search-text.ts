import { STOP_WORDS } from './stop-words';

/**
 * The one normalisation shared by indexing and querying: lower case, accents removed, split on
 * anything that is not a letter or digit, stop words dropped, a light English stemmer applied.
 * Doing it here rather than in SQLite's porter tokenizer means the query builder knows the exact
 * indexed form of every query term, so it can look up how common a term is before using it.
 */
const TOKEN = /[\p{L}\p{N}]+/gu;
const MAX_TOKEN_LENGTH = 40;

/** Removes plural and common verb endings; conservative so that different words rarely collide. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || /(ss|us|is)$/.test(word)) return word;
  let base = word;
  if (base.endsWith('ies') && base.length > 4) base = base.slice(0, -3) + 'i';
  else if (/(ch|sh|x|z)es$/.test(base)) base = base.slice(0, -2);
  else if (base.endsWith('s') && !base.endsWith('ss')) base = base.slice(0, -1);
  if (base.endsWith('ing') && base.length > 5) base = undouble(base.slice(0, -3));
  else if (base.endsWith('ed') && base.length > 4) base = undouble(base.slice(0, -2));
  // Stems only need to agree with each other: "approve"/"approved" → "approv", "apply"/"applies" → "appli".
  if (base.length > 4 && base.endsWith('e')) base = base.slice(0, -1);
  else if (base.length > 3 && base.endsWith('y')) base = base.slice(0, -1) + 'i';
  return base;
}

function undouble(word: string): string {
  const last = word[word.length - 1];
  return word.length > 3 && last === word[word.length - 2] && !/[lsz]/.test(last) ? word.slice(0, -1) : word;
}

/** A word as the index holds it, or null for stop words and noise. */
export function normalizeWord(raw: string): string | null {
  const word = raw.toLowerCase();
  if (word.length > MAX_TOKEN_LENGTH || STOP_WORDS.has(word)) return null;
  if (word.length === 1 && !/\d/.test(word)) return null;
  return stem(word);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** Index/query tokens in order of appearance (duplicates kept, positions matter for phrases). */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of fold(text).matchAll(TOKEN)) {
    const token = normalizeWord(match[0]);
    if (token) tokens.push(token);
  }
  return tokens;
}

export function searchText(text: string): string {
  return searchTokens(text).join(' ');
}
