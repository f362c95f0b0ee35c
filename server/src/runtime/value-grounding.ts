import type { ActionField } from '../actions/action-definition';
import type { FieldValue } from '../actions/qualification';
import { findNumbers } from '../actions/field-parsers/number';
import { matchEnumOption } from './offline/parsers/enum';
import { parseYesNo } from './offline/parsers/yes-no';
import { normaliseText } from './offline/text-normalise';

/**
 * The model may not invent values: a value counts only when the visitor's own words contain it.
 * The check is deliberately about presence, not meaning — "40k" grounds 40000, "YouTube channel"
 * grounds the option youtube — and the confirmation summary is the visitor's final say on the rest.
 */
const digitsOnly = (text: string) => text.replace(/\D+/g, '');
const urlCore = (text: string) =>
  text
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#]+$/, '');

export function isGrounded(field: ActionField, value: FieldValue, visitorText: string): boolean {
  if (value === null || value === '') return true;
  const lower = visitorText.toLowerCase();
  switch (field.type) {
    case 'number': {
      const target = Number(value);
      if (!Number.isFinite(target)) return false;
      return findNumbers(visitorText).some((match) => Math.abs(match.value - target) <= Math.max(1, Math.abs(target) * 0.01));
    }
    case 'phone': {
      const digits = digitsOnly(String(value));
      const spoken = digitsOnly(visitorText);
      // The visitor may omit the country code the model added, so the national part is enough.
      return digits.length >= 6 && (spoken.includes(digits) || spoken.includes(digits.slice(-9)));
    }
    case 'url': {
      const core = urlCore(String(value));
      if (lower.includes(core)) return true;
      // "@ana on YouTube" grounds https://youtube.com/@ana: the handle is what the visitor typed.
      const handle = core.split('/').pop()?.replace(/^@/, '') ?? '';
      return handle.length >= 2 && lower.includes(handle);
    }
    case 'enum': {
      const option = field.options?.find((candidate) => candidate.value === value);
      if (!option) return false;
      const match = matchEnumOption(visitorText, [option], { fuzzy: true });
      return match !== null || normaliseText(visitorText).includes(normaliseText(option.value.replace(/_/g, ' ')));
    }
    case 'boolean':
    case 'consent': {
      // Any explicit yes/no the visitor typed; the confirmation step shows the value before it counts.
      const answer = value === true || value === 'true' ? 'yes' : 'no';
      // Read clause by clause: "YouTube, 40k. And yes, you may store it" holds a yes in its own clause.
      return visitorText
        .split(/[\n.!?;,]+|\band\b|\bbut\b/i)
        .map((clause) => clause.replace(/^\s*(also|oh|well|ok so|so)\b/i, '').trim())
        .some((clause) => clause !== '' && parseYesNo(clause) === answer);
    }
    case 'email':
      return lower.includes(String(value).trim().toLowerCase());
    case 'text':
    default: {
      const wanted = normaliseText(String(value));
      return wanted.length > 0 && normaliseText(visitorText).includes(wanted);
    }
  }
}
