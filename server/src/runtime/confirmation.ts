import type { ActionDefinition, ActionField } from '../actions/action-definition';
import type { SummaryLine } from './turn-events';
import type { FieldValue } from '../actions/qualification';
import { parseYesNo } from './offline/parsers/yes-no';
import { normaliseText } from './offline/text-normalise';

/**
 * Confirmation is enforced here, not by the model: the runtime shows the exact values and only a
 * plain yes to that summary executes the action.
 */
export function displayValue(field: ActionField, value: FieldValue | undefined): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.type === 'enum') return field.options?.find((option) => option.value === value)?.label ?? String(value);
  if (field.type === 'boolean' || field.type === 'consent') return value === true ? 'Yes' : 'No';
  if (field.type === 'number' && typeof value === 'number') return value.toLocaleString('en-US');
  return String(value);
}

export function buildSummary(definition: ActionDefinition, values: Record<string, FieldValue>): SummaryLine[] {
  return definition.fields
    .filter((field) => values[field.key] !== undefined)
    .map((field) => ({ key: field.key, label: field.label, value: displayValue(field, values[field.key]) }));
}

export function confirmationText(definition: ActionDefinition, summary: SummaryLine[]): string {
  const intro = definition.confirmation.intro ?? `Here is what I will submit for "${definition.name}". Shall I go ahead?`;
  return `${intro}\n${summary.map((line) => `- ${line.label}: ${line.value}`).join('\n')}\nReply "yes" to confirm or "edit" to change something.`;
}

export type ConfirmationAnswer = 'confirm' | 'edit' | 'cancel' | 'other';

const EDIT_WORDS = /^(edit|change|modify|update|fix|correct)( (it|that|something|details|my details))?$/;
const CANCEL_WORDS = /^(cancel|stop|abort|never ?mind|forget it|start over|restart)\b/;

/** Reads the visitor's reply to a confirmation summary. Anything longer than a yes/no is 'other' (often a correction). */
export function readConfirmationAnswer(message: string): ConfirmationAnswer {
  const normal = normaliseText(message);
  if (EDIT_WORDS.test(normal)) return 'edit';
  if (CANCEL_WORDS.test(normal)) return 'cancel';
  // "yes but my email is …" is a correction, not a confirmation of the values shown.
  if (/@|\d|\bbut\b|\bactually\b|\binstead\b/.test(message.toLowerCase())) return 'other';
  const answer = parseYesNo(message);
  if (answer === 'yes') return 'confirm';
  if (answer === 'no') return normal.split(' ').length <= 4 ? 'cancel' : 'other';
  return 'other';
}
