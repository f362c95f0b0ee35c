/** Email addresses inside free text ("it's Ana.Silva@Site.com, thanks" → ana.silva@site.com). */
export interface EmailMatch {
  value: string;
  start: number;
  end: number;
}

// The local part takes every character RFC 5322 allows unquoted (atext plus dots), so
// "mary.o'neil+aff@example.com" stays whole instead of becoming "neil+aff@example.com" (issue 12).
// Starting only where a word starts keeps long runs of letters from being rescanned at every position.
const LOCAL_CHARACTER = "A-Za-z0-9.!#$%&'*+/=?^_`{|}~-";
const EMAIL_IN_TEXT = new RegExp(`(?<![${LOCAL_CHARACTER}])[${LOCAL_CHARACTER}]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}`, 'g');
export const EMAIL_SHAPE = new RegExp(`^[${LOCAL_CHARACTER.replace('A-Z', '')}]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}$`);

/** Lower-cased, because leads are deduplicated by email and mail servers ignore the case in practice. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function findEmails(text: string): EmailMatch[] {
  return [...text.matchAll(EMAIL_IN_TEXT)].map((match) => {
    // A sentence-ending dot is not part of the address, nor are quotes or dots around it ('ana@x.com').
    const leading = /^['.`]+/.exec(match[0])?.[0].length ?? 0;
    const raw = match[0].slice(leading).replace(/[.-]+$/, '');
    const start = (match.index ?? 0) + leading;
    return { value: normaliseEmail(raw), start, end: start + raw.length };
  });
}

/**
 * Spoken forms ("ana at site dot com", "ana [at] site.com") are rewritten first, because visitors
 * who fear spam type addresses that way.
 */
export function parseEmail(text: string): string | null {
  const direct = findEmails(text);
  if (direct.length > 0) return direct[0].value;
  const spoken = text
    .replace(/\s*[[(]\s*at\s*[\])]\s*/gi, '@')
    .replace(/\s*[[(]\s*dot\s*[\])]\s*/gi, '.')
    .replace(/(\w)\s+at\s+(\w[\w-]*)\s+dot\s+(\w)/gi, '$1@$2.$3')
    .replace(/(@[\w.-]+)\s+dot\s+(\w)/gi, '$1.$2');
  const rewritten = findEmails(spoken);
  return rewritten.length > 0 ? rewritten[0].value : null;
}
