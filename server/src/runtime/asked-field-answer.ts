import type { RunnableAction } from '../actions/action-service';
import type { ActionField } from '../contract/action-definition';
import { validateFieldValue } from '../actions/field-values';
import { parseFieldAnswer } from '../actions/field-parsers/field-answer';
import { affirmedText } from '../actions/field-parsers/negation';
import { looksLikeQuestion } from '../actions/field-parsers/question';
import { isVagueAmount } from '../actions/field-parsers/number';
import { detectCommand } from './offline/commands';
import type { TurnEvent } from './turn-events';
import type { ConversationState, HistoryMessage } from './turn-state';

/**
 * The runtime helps the model: when it asked field F and the visitor replied, the reply is read with
 * the same parsers the offline engine uses and the value goes into the draft before the model runs.
 * The model sees it as saved and may replace it only with another value the visitor said (grounding
 * checks every changed value).
 *
 * A reply that is meant as the answer but is not acceptable ("a few thousand", "ana at gmail") comes
 * back as a note for the model: what was wrong, what would be accepted, and to ask for F again. The
 * field stays asked, so the corrected reply is read the same way next turn. Questions and commands
 * ("why do you need that?", "cancel") are no answer and are left to the model as they are.
 */
export interface RejectedAnswer {
  actionKey: string;
  fieldKey: string;
  /** For the model: what was wrong and what is accepted. */
  note: string;
}

export function answerToAskedField(state: ConversationState, actions: RunnableAction[], message: string, trace: (event: TurnEvent) => void): RejectedAnswer | null {
  const asked = state.askedField;
  state.askedField = null;
  if (!asked || looksLikeQuestion(message) || detectCommand(message) !== null) return null;
  const action = actions.find((candidate) => candidate.definition.key === asked.actionKey);
  const field = action?.definition.fields.find((candidate) => candidate.key === asked.fieldKey);
  if (!action || !field) return null;
  const yesNo = field.type === 'boolean' || field.type === 'consent';
  const answerText = yesNo ? message : affirmedText(message);
  const parsed = parseFieldAnswer(field, answerText);
  const result = parsed === null ? null : validateFieldValue(field, parsed);
  trace({ type: 'trace', data: { kind: 'asked-field-answer', action: asked.actionKey, field: field.key, ok: result?.ok ?? false } });
  if (result?.ok) {
    const values = state.draft?.actionKey === asked.actionKey ? state.draft.values : {};
    state.draft = { actionKey: asked.actionKey, values: { ...values, [field.key]: result.value } };
    return null;
  }
  const problem = rejectionOf(field, answerText, result);
  if (!problem) return null;
  state.askedField = asked;
  return {
    actionKey: asked.actionKey,
    fieldKey: field.key,
    note:
      `The visitor's reply to your question for \`${field.key}\` ("${field.question}") is not an acceptable value: ${problem} ` +
      'Store nothing for it and do not move on to another field: tell the visitor briefly what was wrong and what would be accepted, then ask for it again. ' +
      'If the message was clearly about something else (another field, a question), deal with that first.',
  };
}

/** Why a reply to `field` cannot be stored, in words for the model; null when it is not an answer at all. */
function rejectionOf(field: ActionField, answerText: string, result: ReturnType<typeof validateFieldValue> | null): string | null {
  if (result && !result.ok) return result.code === 'consent-refused' ? null : `${result.visitorMessage}`;
  if (field.type === 'number' && isVagueAmount(answerText)) return `"${answerText.trim()}" is only a vague amount; ask for a figure (a rough one such as 3,000 or 3k is fine) and never guess one.`;
  // Nothing of the field's type was found: the validator says what would have been accepted.
  const checked = validateFieldValue(field, answerText.trim());
  if (checked.ok || checked.code !== 'invalid') return null;
  return checked.visitorMessage;
}

/** Words of the model's last question that show it asked for this field's consent in its own words. */
export function lastAssistantAsked(history: HistoryMessage[], field: ActionField): boolean {
  const last = [...history].reverse().find((message) => message.role === 'assistant');
  if (!last) return false;
  const text = last.content.toLowerCase();
  const cues = [field.label, field.consentText ?? '', field.key.replace(/_/g, ' ')].map((cue) => cue.toLowerCase()).filter((cue) => cue.length > 3);
  return cues.some((cue) => text.includes(cue)) || (field.type === 'consent' && /\b(agree|consent|permission|allow us|okay to store|ok to store)\b/.test(text));
}
