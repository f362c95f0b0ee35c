import type { ActionDefinition, ActionField } from '../../contract/action-definition';
import { validateFieldValue, type FieldProblem, type FieldValue } from '../../actions/field-values';
import { findFieldReferences, referencePhrases } from './field-references';
import { findEmails } from '../../actions/field-parsers/email';
import { matchEnumOption } from '../../actions/field-parsers/enum';
import { isNameField, parseFieldAnswer } from '../../actions/field-parsers/field-answer';
import { findName } from '../../actions/field-parsers/name';
import { findNumbers, isVagueAmount } from '../../actions/field-parsers/number';
import { packPhrases } from '../../actions/field-parsers/language-packs';
import { affirmedText } from '../../actions/field-parsers/negation';
import { findPhones } from '../../actions/field-parsers/phone';
import { findHandles, findUrls } from '../../actions/field-parsers/url';
import { platformMentioned, profileUrlFor } from '../../actions/field-parsers/social';
import { parseYesNo } from '../../actions/field-parsers/yes-no';
import { normaliseText } from '../../actions/field-parsers/text-normalise';

/**
 * Every field value one message gives: the answer to the field being asked, values named
 * explicitly ("my email is …"), and values recognisable by their type ("ana@site.com",
 * "40k subscribers", "YouTube"). Everything goes through validateFieldValue.
 */
export interface ExtractedValue {
  key: string;
  value: FieldValue;
  /** True when the visitor named the field ("change the platform to TikTok"). */
  named: boolean;
}

export interface ExtractionProblem {
  key: string;
  code: FieldProblem;
  message: string;
  visitorMessage: string;
}

export interface ExtractionResult {
  values: ExtractedValue[];
  problems: ExtractionProblem[];
}

export interface ExtractionContext {
  /** The field whose question the visitor is answering, if any. */
  pendingFieldKey?: string | null;
  /** Values collected so far: a type-based guess fills an empty field, or the only field of its type. */
  current?: Record<string, FieldValue>;
  /**
   * Whether a value recognised by its type may replace one already given. True while the visitor
   * reviews the summary; otherwise only when the message reads as a correction ("actually …").
   */
  overwrite?: boolean;
}

const CORRECTION_CUE = /\b(actually|sorry|correction|i meant|instead|oops|typo|wrong|no wait|more like|rather|not .+ but|no longer)\b|^\s*no,/i;

const ENGLISH_AUDIENCE_WORDS = [
  'followers', 'subscribers', 'subs', 'visitors', 'views', 'readers', 'fans', 'audience', 'members', 'listeners', 'people', 'users', 'monthly',
];
/** "60.000 Abonnenten", "12 mil seguidores", "40 000 abonnés": the agent's language pack (language-packs/). */
const packAudienceWords = () => packPhrases().audienceWords.flatMap((phrase) => phrase.split(' '));
const QUESTION_STOPWORDS = new Set(['what', 'which', 'how', 'many', 'much', 'your', 'you', 'have', 'does', 'the', 'roughly', 'about', 'would', 'like', 'optional']);

/** Blanks out a span so later passes neither see it nor shift positions. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function cueWords(field: ActionField): string[] {
  const fromField = normaliseText(`${field.label} ${field.key.replace(/_/g, ' ')} ${field.question}`)
    .split(' ')
    .filter((word) => word.length >= 4 && !QUESTION_STOPWORDS.has(word));
  return [...new Set([...fromField, ...ENGLISH_AUDIENCE_WORDS, ...packAudienceWords()])].map((word) => word.replace(/s$/, ''));
}

/** The field a type-based value belongs to: the one being asked, else the first empty one, else the only one. */
function targetField(fields: ActionField[], context: ExtractionContext, taken: Set<string>, overwrite: boolean): ActionField | null {
  const open = fields.filter((field) => !taken.has(field.key));
  const pending = open.find((field) => field.key === context.pendingFieldKey);
  if (pending) return pending;
  const empty = open.find((field) => context.current?.[field.key] === undefined);
  if (empty) return empty;
  return overwrite && fields.length === 1 && open.length === 1 ? open[0] : null;
}

export function extractFieldValues(message: string, definition: ActionDefinition, context: ExtractionContext = {}): ExtractionResult {
  const values: ExtractedValue[] = [];
  const problems: ExtractionProblem[] = [];
  const taken = new Set<string>();
  const overwrite = context.overwrite ?? CORRECTION_CUE.test(message);
  /** A field a value recognised by its type may go to: not yet given, the one asked, or being corrected. */
  const fillable = (field: ActionField) =>
    !taken.has(field.key) && (overwrite || field.key === context.pendingFieldKey || context.current?.[field.key] === undefined);
  const platformHint = () => {
    const chosen = values.find((entry) => entry.key === 'platform')?.value ?? context.current?.platform;
    return typeof chosen === 'string' ? chosen : platformMentioned(message);
  };
  const accept = (field: ActionField, raw: unknown, named: boolean) => {
    // Consent counts only as the answer to its own question: "yes, I want to join" agrees to nothing.
    if (field.type === 'consent' && field.key !== context.pendingFieldKey) return;
    const result = validateFieldValue(field, raw);
    taken.add(field.key);
    if (result.ok) values.push({ key: field.key, value: result.value, named });
    else problems.push({ key: field.key, code: result.code, message: result.message, visitorMessage: result.visitorMessage });
  };
  // Values the visitor rules out ("I'm not on YouTube", "I don't have 40k") are not read at all.
  const affirmed = affirmedText(message);
  let rest = affirmed;

  for (const reference of findFieldReferences(message, definition)) {
    const yesNoField = reference.field.type === 'boolean' || reference.field.type === 'consent';
    const valueText = yesNoField ? reference.valueText : affirmedText(reference.valueText);
    if (!yesNoField && valueText.trim() === '') continue;
    const parsed = parseFieldAnswer(reference.field, valueText, { platformHint: platformHint() });
    // "The email is fine" / "my name is wrong" judge a value rather than give one.
    const judgement = reference.field.type !== 'boolean' && reference.field.type !== 'consent' && parsed === null && parseYesNo(reference.valueText) !== null;
    if (judgement) continue;
    accept(reference.field, parsed ?? valueText, true);
    rest = blank(rest, reference.start, reference.end);
  }

  const fieldsOfType = (type: ActionField['type']) => definition.fields.filter((field) => field.type === type);
  for (const email of findEmails(rest)) {
    const field = targetField(fieldsOfType('email'), context, taken, overwrite);
    if (field) accept(field, email.value, false);
    rest = blank(rest, email.start, email.end);
  }
  for (const url of findUrls(rest)) {
    const field = targetField(fieldsOfType('url'), context, taken, overwrite);
    if (field) accept(field, url.value, false);
    rest = blank(rest, url.start, url.end);
  }
  if (fieldsOfType('url').length > 0) {
    for (const handle of findHandles(rest)) {
      const field = targetField(fieldsOfType('url'), context, taken, overwrite);
      if (field) accept(field, profileUrlFor(platformHint(), handle.handle) ?? `@${handle.handle}`, false);
      rest = blank(rest, handle.start, handle.end);
    }
  }
  if (fieldsOfType('phone').length > 0) {
    for (const phone of findPhones(rest)) {
      const field = targetField(fieldsOfType('phone'), context, taken, overwrite);
      if (field) accept(field, phone.value, false);
      rest = blank(rest, phone.start, phone.end);
    }
  }

  const pending = definition.fields.find((field) => field.key === context.pendingFieldKey && !taken.has(field.key));

  // Numbers: the answer to a number question, or a number next to words of a number field's question.
  const numberFields = fieldsOfType('number').map((field) => ({ field, cues: cueWords(field) }));
  // A long list of numbers is not an answer; reading only the first few keeps a pasted table cheap.
  const numbers = numberFields.length > 0 ? findNumbers(rest).slice(0, 20) : [];
  const cuedField = (number: { start: number; end: number }) => {
    // The words right next to the number say what it counts: "40k subscribers", "audience of 40k".
    const before = normaliseText(rest.slice(Math.max(0, number.start - 60), number.start)).split(' ').slice(-3);
    const after = normaliseText(rest.slice(number.end, number.end + 60)).split(' ').slice(0, 2);
    const around = [...before, ...after].map((word) => word.replace(/s$/, ''));
    return numberFields.find(({ field, cues }) => fillable(field) && cues.some((cue) => around.includes(cue)))?.field;
  };
  // "2 channels with 40k subscribers" answers the audience question with 40k, not 2.
  if (pending?.type === 'number' && numbers.length > 1) numbers.sort((left, right) => Number(cuedField(right) === pending) - Number(cuedField(left) === pending));
  for (const number of numbers) {
    const field = pending?.type === 'number' && !taken.has(pending.key) ? pending : cuedField(number);
    if (field) {
      accept(field, number.value, false);
      rest = blank(rest, number.start, number.end);
    }
  }

  // Names: the answer to the name question, or a name given with "I'm …" / "my name is …".
  // Malformed addresses ("ana@site") must not be read as words ("site" is a platform synonym).
  const scanText = rest.replace(/\S*@\S*/g, (token) => ' '.repeat(token.length));
  for (const field of definition.fields.filter((candidate) => isNameField(candidate) && fillable(candidate))) {
    if (field === pending) continue;
    const name = findName(scanText);
    if (name) accept(field, name, false);
    break;
  }

  // A longer synonym ("youtube channel") may win the match although the option's own name is there too.
  const namesOption = (text: string, field: ActionField, value: string): boolean => {
    const option = field.options?.find((candidate) => candidate.value === value);
    const padded = ` ${text} `;
    return !!option && [option.label, option.value].some((name) => padded.includes(` ${normaliseText(name)} `));
  };

  // Enums: a label or synonym inside the sentence; misspellings only in a direct answer. Each
  // matched phrase is used once, so "newsletter" fills the platform and not the traffic source too.
  // While another field is being answered, only an option's own name counts ("YouTube": its whole
  // label or value), not a synonym or one part of a longer label, which are also everyday words
  // ("site", "channel", "content"; "deals" in "a weekly deals newsletter" describes the newsletter).
  let normalRest = normaliseText(scanText);
  const fieldNames = new Set(definition.fields.filter((field) => field.type !== 'enum').flatMap((field) => referencePhrases(field).map(({ phrase }) => phrase)));
  for (const field of fieldsOfType('enum')) {
    if (!fillable(field) || field === pending) continue;
    const match = matchEnumOption(normalRest, field.options ?? [], { fuzzy: false });
    // When values may be replaced, "the email is fine" must not turn the traffic source into Email.
    const namesAnotherField = overwrite && match !== null && fieldNames.has(match.phrase);
    if (match && match.score >= 0.9 && !namesAnotherField && (!pending || match.how === 'label' || match.how === 'value' || namesOption(normalRest, field, match.value))) {
      accept(field, match.value, false);
      normalRest = ` ${normalRest} `.replace(` ${match.phrase} `, ' ').trim();
    }
  }

  if (pending && !taken.has(pending.key)) {
    // Whatever the other passes left is the answer to the question asked.
    // Free text and yes/no answers are read whole: their own negations are part of the answer.
    const wholeMessage = (pending.type === 'text' && !isNameField(pending)) || pending.type === 'boolean' || pending.type === 'consent';
    const answerText = wholeMessage ? message : rest;
    const parsed = parseFieldAnswer(pending, answerText, { platformHint: platformHint() });
    if (parsed !== null) accept(pending, parsed, false);
    else if (pending.type === 'number' && isVagueAmount(answerText)) {
      problems.push({
        key: pending.key,
        code: 'invalid',
        message: `Field \`${pending.key}\` was given only roughly ("${answerText.trim()}"); ask for a figure, a rough one is fine.`,
        visitorMessage: `${pending.label}: roughly how many? A rough figure such as 3,000 or 3k is fine.`,
      });
    }
    else if (values.length === 0 && problems.length === 0) {
      const result = validateFieldValue(pending, answerText.trim());
      // A reply that happens to validate as raw text was already refused by the parser (a question).
      if (!result.ok && result.code !== 'missing') problems.push({ key: pending.key, code: result.code, message: result.message, visitorMessage: result.visitorMessage });
    }
  }
  return { values, problems };
}
