import type { ActionField } from '../../contract/action-definition';
import { looksLikeQuestion } from './question';
import { parseEmail } from './email';
import { matchEnumByPosition, matchEnumOption } from './enum';
import { parseName } from './name';
import { parseNumber } from './number';
import { parsePhone } from './phone';
import { parseUrlOrHandle } from './url';
import { parseYesNo } from './yes-no';

/**
 * Reads a reply to one field's question into the raw value validateFieldValue then checks. Null
 * means the reply holds nothing of that type; the caller then validates the reply itself to get
 * the message that says what would be accepted.
 */
export interface AnswerContext {
  /** The platform chosen so far (an enum value such as "instagram"), to turn "@ana" into a profile link. */
  platformHint?: string | null;
}

// "None yet" or "none yet, just starting": the clause after a comma only explains the nothing.
const NOTHING = /^(none|nothing|no one|nobody|zero|not any|no followers|no subscribers|no visitors|no audience)( yet| so far| at the moment| right now)?(?:[.!]|,[^\d]*)?$/i;

const NAME_KEYS = new Set(['name', 'full_name', 'first_name', 'last_name', 'your_name', 'contact_name']);

export function isNameField(field: ActionField): boolean {
  return field.type === 'text' && (NAME_KEYS.has(field.key) || /\bname\b/i.test(field.label));
}

export function parseFieldAnswer(field: ActionField, text: string, context: AnswerContext = {}): string | number | boolean | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (field.type) {
    case 'email':
      return parseEmail(trimmed);
    case 'url':
      return parseUrlOrHandle(trimmed, context.platformHint);
    case 'phone':
      return parsePhone(trimmed);
    case 'number':
      // "None yet" is an answer to "how many followers?", not a refusal to give one.
      return parseNumber(trimmed) ?? (NOTHING.test(trimmed) ? 0 : null);
    case 'enum': {
      const options = field.options ?? [];
      return (matchEnumByPosition(trimmed, options) ?? matchEnumOption(trimmed, options))?.value ?? null;
    }
    case 'boolean':
    case 'consent': {
      const answer = parseYesNo(trimmed);
      return answer === null ? null : answer === 'yes';
    }
    case 'text':
      if (isNameField(field)) return parseName(trimmed);
      // A question asked instead of an answer is answered, not stored as the answer.
      return looksLikeQuestion(trimmed) ? null : trimmed;
  }
}
