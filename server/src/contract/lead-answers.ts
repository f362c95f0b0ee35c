import type { ActionField } from './action-definition';
import type { FieldValue } from './qualification';

/**
 * A lead's answers as a person reads them: the field's label instead of its key, the option's
 * label instead of its stored value, yes/no instead of true/false, and numbers grouped in the
 * site's language. Used by the lead page, the manager's email, the CSV header and the privacy
 * export, so they all say the same thing.
 */
export interface LabelledAnswer {
  key: string;
  label: string;
  value: FieldValue | null;
  /** The value as text; '' when the visitor did not answer. */
  text: string;
}

export interface AnswerWords {
  yes: string;
  no: string;
  agreed: string;
  declined: string;
}

export const ENGLISH_ANSWER_WORDS: AnswerWords = { yes: 'Yes', no: 'No', agreed: 'Agreed', declined: 'Declined' };

export type AnswerField = Pick<ActionField, 'key' | 'label' | 'type'> & { options?: Array<{ value: string; label: string }> };

export function formatAnswerNumber(value: number, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale || undefined).format(value);
  } catch {
    // An unknown locale tag (stored by an older plugin) must not hide the answer.
    return String(value);
  }
}

export function answerText(value: FieldValue | null | undefined, field: AnswerField | undefined, locale?: string, words: AnswerWords = ENGLISH_ANSWER_WORDS): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') {
    if (field?.type === 'consent') return value ? words.agreed : words.declined;
    return value ? words.yes : words.no;
  }
  if (typeof value === 'number') return formatAnswerNumber(value, locale);
  const option = field?.options?.find((candidate) => candidate.value === value);
  return option ? option.label : value;
}

/**
 * The action's fields in their order first, then any stored key the definition no longer has
 * (an older version's field), under its key so nothing the visitor said is hidden.
 */
export function labelAnswers(
  fields: Record<string, FieldValue | null | undefined>,
  definitionFields: AnswerField[] | null | undefined,
  locale?: string,
  words: AnswerWords = ENGLISH_ANSWER_WORDS,
): LabelledAnswer[] {
  const known = definitionFields ?? [];
  const answers: LabelledAnswer[] = [];
  for (const field of known) {
    if (!(field.key in fields)) continue;
    const value = fields[field.key] ?? null;
    answers.push({ key: field.key, label: field.label, value, text: answerText(value, field, locale, words) });
  }
  for (const [key, raw] of Object.entries(fields)) {
    if (known.some((field) => field.key === key)) continue;
    const value = raw ?? null;
    answers.push({ key, label: key, value, text: answerText(value, undefined, locale, words) });
  }
  return answers;
}
