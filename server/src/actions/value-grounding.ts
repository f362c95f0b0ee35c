import type { ActionField } from './action-definition';
import type { FieldValue } from './field-values';
import { findNumbers } from './field-parsers/number';
import { matchEnumOption } from './field-parsers/enum';
import { parseYesNo } from './field-parsers/yes-no';
import { affirmedText } from './field-parsers/negation';
import { normaliseText } from './field-parsers/text-normalise';

/**
 * The model may not invent values: a value counts only when the visitor's own words contain it.
 * The check is deliberately about presence, not meaning — "40k" grounds 40000, "YouTube channel"
 * grounds the option youtube — and the confirmation summary is the visitor's final say on the rest.
 * Words the visitor negated do not ground anything ("I'm not on YouTube" grounds no YouTube), and a
 * consent counts only as the reply to the consent question.
 */
export interface GroundingContext {
  /** The message that answered the last question, and whether that question asked this field. */
  latestMessage?: string;
  /** True when the question the visitor just answered was this field's (asked by the runtime or the model). */
  answeringField?: (field: ActionField) => boolean;
}

const digitsOnly = (text: string) => text.replace(/\D+/g, '');
const urlCore = (text: string) =>
  text
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#]+$/, '');

export function isGrounded(field: ActionField, value: FieldValue, allVisitorText: string, context: GroundingContext = {}): boolean {
  if (value === '') return true;
  const yesNo = field.type === 'boolean' || field.type === 'consent';
  if (field.type === 'consent' && context.answeringField && !context.answeringField(field)) {
    // Not asked yet: only a clear statement of consent to this ("yes, you may store my details")
    // counts, never a yes about something else ("yes, I want to become an affiliate").
    return value === true && statesConsent(context.latestMessage ?? allVisitorText);
  }
  const source = field.type === 'consent' && context.latestMessage !== undefined ? context.latestMessage : allVisitorText;
  const visitorText = yesNo ? source : affirmedText(source);
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

const CONSENT_VERB = /\b(agree|agreed|consent|permission|you (?:may|can) (?:store|keep|save|use|process|contact)|(?:ok|okay|fine|happy) (?:for you )?to (?:store|keep|save|use|process)|accept)\b/i;
const CONSENT_OBJECT = /\b(store|storing|keep|keeping|save|saving|details|data|info|information|terms|privacy|contact|process|processing)\b/i;

/** A clause that agrees, in so many words, to the data being kept: the consent given before it was asked. */
export function statesConsent(text: string): boolean {
  return text
    .split(/[\n.!?;]+|\bbut\b/i)
    .some((clause) => {
      const kept = affirmedText(clause);
      return kept.trim() === clause.trim() && CONSENT_VERB.test(clause) && CONSENT_OBJECT.test(clause);
    });
}
