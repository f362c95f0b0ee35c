/** Shared text handling for the offline engine: one tokeniser, one similarity, so scores compare. */

/** Lower-case, accents folded, punctuation to spaces ("Tik-Tok!" → "tik tok"). */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function words(text: string): string[] {
  const normal = normaliseText(text);
  return normal === '' ? [] : normal.split(' ');
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), in three rolling rows. */
export function editDistance(left: string, right: string): number {
  const columns = right.length + 1;
  let beforePrevious = new Uint16Array(columns);
  let previous = Uint16Array.from({ length: columns }, (_value, index) => index);
  let current = new Uint16Array(columns);
  for (let row = 1; row <= left.length; row += 1) {
    current[0] = row;
    for (let column = 1; column < columns; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        best = Math.min(best, beforePrevious[column - 2] + 1);
      }
      current[column] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[columns - 1];
}

/** 1 for equal strings, 0 for nothing in common, relative to the longer one. */
export function similarity(left: string, right: string): number {
  if (left === right) return 1;
  const longest = Math.max(left.length, right.length);
  return longest === 0 ? 1 : 1 - editDistance(left, right) / longest;
}

/**
 * Whether two strings are at least `threshold` similar. The length difference alone bounds the
 * distance, so most pairs are ruled out without computing it.
 */
export function similarEnough(left: string, right: string, threshold: number): number {
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  if (1 - Math.abs(left.length - right.length) / longest < threshold) return 0;
  const score = similarity(left, right);
  return score >= threshold ? score : 0;
}
