import type { RunnableAction } from '../actions/action-service';
import type { ActionField } from '../actions/action-definition';
import { validateFieldValue } from '../actions/field-values';
import { parseFieldAnswer } from '../actions/field-parsers/field-answer';
import { affirmedText } from '../actions/field-parsers/negation';
import { looksLikeQuestion } from '../actions/field-parsers/question';
import type { TurnEvent } from './turn-events';
import type { ConversationState, HistoryMessage } from './turn-state';

/**
 * The runtime helps the model: when it asked field F and the visitor replied, the reply is read with
 * the same parsers the offline engine uses and the value goes into the draft before the model runs.
 * The model sees it as saved and may replace it only with another value the visitor said (grounding
 * checks every changed value). A reply that does not parse is left to the model, which asks again.
 */
export function answerToAskedField(state: ConversationState, actions: RunnableAction[], message: string, trace: (event: TurnEvent) => void): void {
  const asked = state.askedField;
  state.askedField = null;
  if (!asked || looksLikeQuestion(message)) return;
  const action = actions.find((candidate) => candidate.definition.key === asked.actionKey);
  const field = action?.definition.fields.find((candidate) => candidate.key === asked.fieldKey);
  if (!action || !field) return;
  const yesNo = field.type === 'boolean' || field.type === 'consent';
  const parsed = parseFieldAnswer(field, yesNo ? message : affirmedText(message));
  if (parsed === null) return;
  const result = validateFieldValue(field, parsed);
  trace({ type: 'trace', data: { kind: 'asked-field-answer', action: asked.actionKey, field: field.key, ok: result.ok } });
  if (!result.ok) return;
  const values = state.draft?.actionKey === asked.actionKey ? state.draft.values : {};
  state.draft = { actionKey: asked.actionKey, values: { ...values, [field.key]: result.value } };
}

/** Words of the model's last question that show it asked for this field's consent in its own words. */
export function lastAssistantAsked(history: HistoryMessage[], field: ActionField): boolean {
  const last = [...history].reverse().find((message) => message.role === 'assistant');
  if (!last) return false;
  const text = last.content.toLowerCase();
  const cues = [field.label, field.consentText ?? '', field.key.replace(/_/g, ' ')].map((cue) => cue.toLowerCase()).filter((cue) => cue.length > 3);
  return cues.some((cue) => text.includes(cue)) || (field.type === 'consent' && /\b(agree|consent|permission|allow us|okay to store|ok to store)\b/.test(text));
}
