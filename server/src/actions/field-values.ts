import type { ActionDefinition, ActionField } from './action-definition';
import { EMAIL_SHAPE, normaliseEmail } from './field-parsers/email';
import { normalisePhone } from './field-parsers/phone';
import { parseNumber } from './field-parsers/number';

/**
 * The one place that decides whether a value is acceptable for a field, for the model's tool calls
 * and the offline engine alike. Messages name the field and say what would be accepted, so the same
 * text can go back to a model ("ask the visitor again") or, as `visitorMessage`, to the visitor.
 */
export type FieldValue = string | number | boolean;
export type FieldProblem = 'missing' | 'invalid' | 'consent-refused';

export type FieldValueResult =
  | { ok: true; value: FieldValue }
  | { ok: false; code: FieldProblem; message: string; visitorMessage: string };

const DEFAULT_MAX_TEXT = 5000;
const HANDLE_SHAPE = /^@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'agree', 'agreed', 'i agree', 'accepted', 'accept']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'disagree', 'declined', 'refused']);

export function isEmptyValue(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** `visitorProblem` replaces wording only a model needs (option values next to their labels). */
function failure(field: ActionField, problem: string, visitorProblem = problem): FieldValueResult {
  return {
    ok: false,
    code: 'invalid',
    message: `Field \`${field.key}\` ${problem}; ask the visitor again.`,
    visitorMessage: `${field.label} ${visitorProblem}.`,
  };
}

function asText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

function asBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null;
  if (typeof raw !== 'string') return null;
  const normal = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(normal)) return true;
  if (FALSE_WORDS.has(normal)) return false;
  return null;
}

function checkLength(field: ActionField, value: string): FieldValueResult {
  const { minLength, maxLength, pattern, patternMessage } = field.validation;
  if (minLength !== undefined && value.length < minLength) return failure(field, `must be at least ${minLength} characters long`);
  const limit = maxLength ?? DEFAULT_MAX_TEXT;
  if (value.length > limit) return failure(field, `must be at most ${limit} characters long`);
  if (pattern !== undefined && !new RegExp(pattern).test(value)) {
    return failure(field, patternMessage ? `is not valid: ${patternMessage}` : `does not have the expected format`);
  }
  return { ok: true, value };
}

function validateNumber(field: ActionField, raw: unknown): FieldValueResult {
  let value: number | null = null;
  if (typeof raw === 'number') value = Number.isFinite(raw) ? raw : null;
  // Models and visitors both send "40k" or "40,000"; the number parser reads what a person would.
  else if (typeof raw === 'string') value = parseNumber(raw);
  if (value === null) return failure(field, 'must be a number such as 40000 (12k and 1.2M are fine too)');
  const { min, max } = field.validation;
  if (min !== undefined && value < min) return failure(field, `must be at least ${min.toLocaleString('en-US')}`);
  if (max !== undefined && value > max) return failure(field, `must be at most ${max.toLocaleString('en-US')}`);
  return { ok: true, value };
}

function validateEnum(field: ActionField, raw: unknown): FieldValueResult {
  const options = field.options ?? [];
  const text = asText(raw)?.toLowerCase();
  const option =
    text === undefined || text === null
      ? undefined
      : options.find((candidate) => candidate.value === text || candidate.label.toLowerCase() === text) ??
        options.find((candidate) => candidate.synonyms.some((synonym) => synonym.toLowerCase() === text));
  if (!option) {
    return failure(
      field,
      `must be one of: ${options.map((candidate) => `${candidate.value} (${candidate.label})`).join(', ')}`,
      `must be one of: ${options.map((candidate) => candidate.label).join(', ')}`,
    );
  }
  return { ok: true, value: option.value };
}

function validateUrl(field: ActionField, raw: unknown): FieldValueResult {
  const text = asText(raw);
  const problem = 'must be a link such as https://example.com or a handle such as @ana';
  if (!text) return failure(field, problem);
  // A bare handle is kept when the platform is unknown: a guessed profile link could be someone else's.
  if (HANDLE_SHAPE.test(text)) return checkLength(field, text);
  const candidate = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    if (!/^https?:$/.test(url.protocol) || !/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(url.hostname) || /\s/.test(text)) return failure(field, problem);
    return checkLength(field, candidate);
  } catch {
    return failure(field, problem);
  }
}

export function validateFieldValue(field: ActionField, raw: unknown): FieldValueResult {
  if (isEmptyValue(raw)) {
    return { ok: false, code: 'missing', message: `Field \`${field.key}\` is missing; ask the visitor: ${field.question}`, visitorMessage: `${field.label} is needed.` };
  }
  switch (field.type) {
    case 'text': {
      const text = asText(raw);
      return text === null ? failure(field, 'must be text') : checkLength(field, text);
    }
    case 'email': {
      const text = asText(raw);
      const email = text === null ? '' : normaliseEmail(text);
      if (!EMAIL_SHAPE.test(email)) return failure(field, 'must be an email address such as ana@example.com');
      return checkLength(field, email);
    }
    case 'url':
      return validateUrl(field, raw);
    case 'phone': {
      const text = asText(raw);
      const phone = text === null || /[a-z]/i.test(text) ? null : normalisePhone(text);
      if (!phone) return failure(field, 'must be a phone number with 7 to 15 digits, such as +1 555 123 4567');
      return checkLength(field, phone);
    }
    case 'number':
      return validateNumber(field, raw);
    case 'enum':
      return validateEnum(field, raw);
    case 'boolean': {
      const value = asBoolean(raw);
      return value === null ? failure(field, 'must be yes or no') : { ok: true, value };
    }
    case 'consent': {
      const value = asBoolean(raw);
      if (value === null) return failure(field, 'must be yes (agree) or no');
      if (value === false && field.required) {
        return {
          ok: false,
          code: 'consent-refused',
          message: `The visitor did not agree to \`${field.key}\` ("${field.consentText ?? field.label}"); this action cannot be submitted without it. Do not submit; tell the visitor, and submit only if they explicitly agree.`,
          visitorMessage: `Without your agreement to "${field.consentText ?? field.label}" this cannot be submitted.`,
        };
      }
      return { ok: true, value };
    }
  }
}

export interface FieldIssue {
  key: string;
  label: string;
  code: FieldProblem;
  message: string;
  visitorMessage: string;
}

export interface ActionValuesResult {
  ok: boolean;
  /** Normalised values of every valid, non-empty field, keyed by field key. */
  values: Record<string, FieldValue>;
  /** Present but invalid values (including a refused required consent). */
  issues: FieldIssue[];
  /** Required fields with no value, in the action's order. */
  missing: Array<{ key: string; label: string; question: string }>;
  /** Keys that are not fields of the action; ignored, but reported so a model can be told. */
  unknownKeys: string[];
}

/** Checks a whole set of values: what is valid, what is wrong, what is still missing. */
export function validateActionValues(definition: ActionDefinition, input: Record<string, unknown>): ActionValuesResult {
  const values: Record<string, FieldValue> = {};
  const issues: FieldIssue[] = [];
  const missing: ActionValuesResult['missing'] = [];
  for (const field of definition.fields) {
    const raw = input[field.key];
    if (isEmptyValue(raw)) {
      if (field.required) missing.push({ key: field.key, label: field.label, question: field.question });
      continue;
    }
    const result = validateFieldValue(field, raw);
    if (result.ok) values[field.key] = result.value;
    else issues.push({ key: field.key, label: field.label, code: result.code, message: result.message, visitorMessage: result.visitorMessage });
  }
  const known = new Set(definition.fields.map((field) => field.key));
  const unknownKeys = Object.keys(input).filter((key) => !known.has(key));
  return { ok: issues.length === 0 && missing.length === 0, values, issues, missing, unknownKeys };
}

/** One readable paragraph for a model's tool result, or null when everything is valid and present. */
export function describeValueProblems(result: ActionValuesResult): string | null {
  if (result.ok) return null;
  const lines = result.issues.map((issue) => issue.message);
  if (result.missing.length > 0) {
    lines.push(`Still missing: ${result.missing.map((field) => `\`${field.key}\` (ask: "${field.question}")`).join(', ')}.`);
  }
  return lines.join('\n');
}
