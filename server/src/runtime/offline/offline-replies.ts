import type { ActionDefinition, ActionField } from '../../contract/action-definition';
import { DEFAULT_FALLBACK_MESSAGE } from '../../contract/agent-types';
import type { FieldValue } from '../../actions/field-values';
import type { OfflineEvent, OfflineFieldPrompt, OfflineSummaryLine } from './offline-types';

/** What the offline engine says, in one place, so wording stays consistent and easy to change. */

export function displayValue(field: ActionField, value: FieldValue): string {
  switch (field.type) {
    case 'enum':
      return field.options?.find((option) => option.value === value)?.label ?? String(value);
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'consent':
      return value === true ? 'Agreed' : 'Not agreed';
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
    default:
      return String(value);
  }
}

export function listWords(items: string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

export function fieldPrompt(field: ActionField): OfflineFieldPrompt {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    question: field.question,
    required: field.required,
    ...(field.helpText ? { helpText: field.helpText } : {}),
    ...(field.options ? { options: field.options.map((option) => ({ value: option.value, label: option.label })) } : {}),
    ...(field.consentText ? { consentText: field.consentText } : {}),
  };
}

export function fieldRequest(definition: ActionDefinition, field: ActionField): OfflineEvent {
  return { type: 'field-request', actionKey: definition.key, field: fieldPrompt(field) };
}

export function summaryLines(definition: ActionDefinition, values: Record<string, FieldValue>): OfflineSummaryLine[] {
  return definition.fields
    .filter((field) => values[field.key] !== undefined)
    .map((field) => ({ key: field.key, label: field.label, value: displayValue(field, values[field.key]) }));
}

export function confirmationRequest(definition: ActionDefinition, values: Record<string, FieldValue>): OfflineEvent {
  return {
    type: 'confirmation-request',
    actionKey: definition.key,
    title: definition.name,
    intro: definition.confirmation.intro ?? 'Please check these details. Shall I submit them?',
    summary: summaryLines(definition, values),
  };
}

export const replies = {
  started: (definition: ActionDefinition) => `Sure, I can help with the ${lowerFirst(definition.name)}.`,
  noted: (labels: string[]) => `I've noted your ${listWords(labels.map(lowerFirst))}.`,
  updated: (changes: Array<{ label: string; value: string }>) =>
    `Thanks, I've updated ${listWords(changes.map((change) => `your ${lowerFirst(change.label)} to ${change.value}`))}.`,
  cancelled: (definition: ActionDefinition) => `Okay, I've cancelled the ${lowerFirst(definition.name)}; nothing was sent. Is there anything else I can help with?`,
  nothingToCancel: 'There is nothing in progress to cancel. How can I help?',
  /**
   * Strict docs-only mode when no documentation matched: says so, then the owner's own fallback
   * message if they wrote one, else only what is true (the configured contact link, a published
   * action) — never the built-in fallback, which names a contact page the site may not have.
   */
  strictDecline: (agent: { fallbackMessage: string; contactUrl?: string }, canApply: boolean) =>
    [
      "I can answer only from this program's documentation, and I found nothing there about that, so I'd rather not guess.",
      ...(agent.fallbackMessage !== DEFAULT_FALLBACK_MESSAGE
        ? [agent.fallbackMessage]
        : [agent.contactUrl ? `The affiliate team can help: ${agent.contactUrl}` : '', canApply ? 'I can also help you apply.' : '']),
    ]
      .filter(Boolean)
      .join(' '),
  restarted: "No problem, let's start over.",
  skipped: (field: ActionField) => `Okay, I'll leave the ${lowerFirst(field.label)} out.`,
  cannotSkip: (field: ActionField) => `I need your ${lowerFirst(field.label)} to continue (or say "cancel" to stop).`,
  invalid: (visitorMessage: string, field: ActionField) =>
    `${visitorMessage} Could you try again?${field.required ? '' : ' You can also say "skip".'}`,
  notUnderstood: (field: ActionField) =>
    field.type === 'enum' && field.options
      ? `Sorry, I didn't catch that. Please pick one of: ${listWords(field.options.map((option) => option.label), 'or')}.`
      : `Sorry, I didn't catch that.${field.required ? '' : ' You can also say "skip".'}`,
  consentRefused: (definition: ActionDefinition) =>
    `Understood. I can't submit the ${lowerFirst(definition.name)} without your agreement, so nothing has been sent. If you change your mind, just say "I agree"; or say "cancel" to stop.`,
  askWhatToChange: (definition: ActionDefinition, values: Record<string, FieldValue>) =>
    `No problem. What would you like to change: ${listWords(summaryLines(definition, values).map((line) => lowerFirst(line.label)), 'or')}? You can also give the new value directly, for example "email is ana@example.com".`,
  confirmOrChange: 'Please reply "yes" to submit, or tell me what to change.',
  busyWithAnother: (current: ActionDefinition, otherName: string) =>
    `We're in the middle of your ${lowerFirst(current.name)}. Let's finish it first; or say "cancel" to stop it, and then ask me about the ${lowerFirst(otherName)}.`,
  sessionGone: 'The form we were filling in is no longer available, so nothing was sent.',
};

/** The action's completion message with merge tags such as {{name}} filled from the values. */
export function completionText(definition: ActionDefinition, values: Record<string, FieldValue>): string {
  return definition.completionMessage.replace(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g, (_tag, key: string) => {
    const field = definition.fields.find((candidate) => candidate.key === key);
    const value = values[key];
    return field && value !== undefined ? displayValue(field, value) : '';
  });
}
