/** Phone numbers inside free text: "+351 912 345 678", "(555) 123-4567", "0044 20 7946 0958". */
export interface PhoneMatch {
  value: string;
  start: number;
  end: number;
}

const PHONE_IN_TEXT = /(?<![\w@.])(\+|00)?\(?\d[\d\s().-]{5,22}\d(?![\w@])/g;

/** Keeps a leading + (00 becomes +) and the digits: one stored form whatever the visitor typed. */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim();
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (digits.length < 7 || digits.length > 15) return null;
  return international ? `+${digits}` : digits;
}

export function findPhones(text: string): PhoneMatch[] {
  const results: PhoneMatch[] = [];
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    const raw = match[0].trim();
    // A phone number is written with separators or a + or is long; "40000" is an audience, not a phone.
    const digits = raw.replace(/\D/g, '');
    const looksLikePhone = raw.startsWith('+') || raw.startsWith('00') || /[\s().-]/.test(raw) ? digits.length >= 7 : digits.length >= 9;
    if (!looksLikePhone) continue;
    // "40,000" and "1.2" are numbers: grouping by exactly three after a comma is not a phone shape.
    if (/^\d{1,3}(,\d{3})+$/.test(raw)) continue;
    const value = normalisePhone(raw);
    if (value) results.push({ value, start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  }
  return results;
}

export function parsePhone(text: string): string | null {
  const phones = findPhones(text);
  return phones.length > 0 ? phones[0].value : null;
}
