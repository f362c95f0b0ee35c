import type { RunnableAction } from '../actions/action-service';
import { describeValueProblems, isEmptyValue, validateActionValues } from '../actions/field-values';
import type { ActionField } from '../contract/action-definition';
import type { FieldRequest, TurnEvent } from './turn-events';
import type { ConversationState } from './turn-state';
import type { FieldValue } from '../actions/field-values';
import { isGrounded, type GroundingContext } from '../actions/value-grounding';

/**
 * What a tool call from the model leads to. The model only proposes values: this file validates
 * them (field-values.ts), drops what the visitor never said, keeps the rest as the draft, and decides
 * whether to ask, to show the confirmation, or to execute.
 */
export type ToolOutcome =
  | { kind: 'needs-input'; toolResult: string; fieldRequest: FieldRequest | null }
  | { kind: 'confirm'; values: Record<string, FieldValue> }
  | { kind: 'execute'; values: Record<string, FieldValue> };

export function fieldRequestOf(field: ActionField): FieldRequest {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    question: field.question,
    ...(field.options ? { options: field.options.map((option) => ({ value: option.value, label: option.label })) } : {}),
    ...(field.consentText ? { consentText: field.consentText } : {}),
  };
}

export function executeToolCall(input: {
  action: RunnableAction;
  arguments: Record<string, unknown>;
  state: ConversationState;
  /** Every message the visitor typed in this conversation, joined by newlines. */
  visitorText: string;
  /** What grounding needs to know about the question the visitor's latest message answered. */
  grounding?: GroundingContext;
  trace: (event: TurnEvent) => void;
}): ToolOutcome {
  const { action, state } = input;
  const definition = action.definition;
  const previous = state.draft?.actionKey === definition.key ? state.draft.values : {};
  const proposed = Object.fromEntries(Object.entries(input.arguments).filter(([, value]) => !isEmptyValue(value)));
  const validation = validateActionValues(definition, { ...previous, ...proposed });

  // A value already in the draft was grounded when it got there; only new or changed values are checked.
  const ungrounded: string[] = [];
  /** Changes to a value the visitor gave that they never said: refused, and their value kept. */
  const reverted: string[] = [];
  for (const field of definition.fields) {
    const value = validation.values[field.key];
    if (value === undefined || previous[field.key] === value) continue;
    if (!isGrounded(field, value, input.visitorText, input.grounding)) {
      // An invented change must not cost the value the visitor did give, nor ask for it again.
      if (previous[field.key] !== undefined) {
        reverted.push(field.key);
        validation.values[field.key] = previous[field.key];
      } else {
        ungrounded.push(field.key);
        delete validation.values[field.key];
      }
    }
  }
  input.trace({
    type: 'trace',
    data: {
      kind: 'validation',
      action: definition.key,
      ok: validation.ok && ungrounded.length === 0,
      issues: validation.issues.map((issue) => ({ key: issue.key, code: issue.code, message: issue.message })),
      missing: validation.missing.map((field) => field.key),
      notGivenByVisitor: [...ungrounded, ...reverted],
      unknownKeys: validation.unknownKeys,
    },
  });

  state.draft = { actionKey: definition.key, values: { ...validation.values } };

  const problems: string[] = [];
  const described = describeValueProblems(validation);
  if (described) problems.push(described);
  for (const key of ungrounded) {
    const field = definition.fields.find((candidate) => candidate.key === key)!;
    problems.push(`Field \`${key}\`: the visitor has not said this value (you sent ${JSON.stringify(proposed[key])}); never guess, ask the visitor: ${field.question}`);
  }
  for (const key of reverted) {
    problems.push(`Field \`${key}\`: the visitor has not said ${JSON.stringify(proposed[key])}; their own value ${JSON.stringify(previous[key])} is kept. Never change a value the visitor did not change.`);
  }
  if (validation.unknownKeys.length) problems.push(`Ignored unknown keys: ${validation.unknownKeys.join(', ')}.`);
  const stillMissing = definition.fields.filter((field) => field.required && validation.values[field.key] === undefined);

  if (stillMissing.length > 0 || validation.issues.length > 0 || ungrounded.length > 0) {
    const firstKey = validation.issues[0]?.key ?? ungrounded[0] ?? stillMissing[0]?.key;
    const firstField = definition.fields.find((field) => field.key === firstKey);
    const kept = Object.keys(validation.values);
    return {
      kind: 'needs-input',
      toolResult: `Not submitted yet. ${kept.length ? `Saved so far: ${kept.join(', ')}. ` : ''}${problems.join('\n')}\nAsk the visitor for one thing at a time, in your own words.`,
      fieldRequest: firstField ? fieldRequestOf(firstField) : null,
    };
  }
  return definition.confirmation.required ? { kind: 'confirm', values: validation.values } : { kind: 'execute', values: validation.values };
}
