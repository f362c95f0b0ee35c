import type { ActionDefinition, ActionField } from '../../contract/action-definition';
import type { FieldValue } from '../../actions/field-values';
import type { ExtractionResult } from './extract-fields';
import { confirmationRequest, displayValue, fieldRequest, replies } from './offline-replies';
import type { OfflineAction, OfflineEvent, OfflineSessionState, OfflineTurnResult } from './offline-types';

/**
 * The steps of an action session that every phase shares: ask the next field, show the summary,
 * submit, cancel, start over, store values. Each returns the next state with its events.
 */
export function initialOfflineState(): OfflineSessionState {
  return { schema: 1, phase: 'idle', action: null, values: {}, skipped: [], pendingFieldKey: null, submittedActionKeys: [] };
}

export interface Session {
  state: OfflineSessionState;
  action: OfflineAction;
  definition: ActionDefinition;
  events: OfflineEvent[];
  /** The other published actions, to notice a visitor asking for one of them mid-session. */
  otherActions: OfflineAction[];
}

export function actionsBesides(session: Session): ActionDefinition[] {
  return session.otherActions.map((action) => action.definition);
}

export function idle(state: OfflineSessionState): OfflineSessionState {
  return { ...initialOfflineState(), submittedActionKeys: state.submittedActionKeys };
}

export function fieldOf(definition: ActionDefinition, key: string | null): ActionField | undefined {
  return definition.fields.find((field) => field.key === key);
}

/** Asks the next open field, or shows the summary, or submits: whichever the session needs next. */
export function advance(session: Session): OfflineTurnResult {
  const { state, definition, events } = session;
  const next = definition.fields.find((field) => state.values[field.key] === undefined && !state.skipped.includes(field.key));
  if (next) {
    events.push(fieldRequest(definition, next));
    return { state: { ...state, phase: 'collecting', pendingFieldKey: next.key }, events };
  }
  if (definition.confirmation.required) {
    events.push(confirmationRequest(definition, state.values));
    return { state: { ...state, phase: 'confirming', pendingFieldKey: null }, events };
  }
  return submit(session);
}

export function submit({ state, action, definition, events }: Session): OfflineTurnResult {
  events.push({ type: 'submit', actionKey: definition.key, actionId: action.actionId, version: action.version, values: { ...state.values } });
  return { state: { ...idle(state), submittedActionKeys: [...state.submittedActionKeys, definition.key] }, events };
}

export function cancel({ state, definition, events }: Session): OfflineTurnResult {
  events.push({ type: 'cancelled', actionKey: definition.key }, { type: 'text', text: replies.cancelled(definition) });
  return { state: idle(state), events };
}

export function restart(session: Session): OfflineTurnResult {
  session.events.push({ type: 'text', text: replies.restarted });
  return advance({ ...session, state: { ...session.state, values: {}, skipped: [], pendingFieldKey: null } });
}

/** Re-asks the pending field (or re-shows the summary) after something else was said. */
export function repeatPrompt(session: Session): OfflineTurnResult {
  const { state, definition, events } = session;
  const pending = fieldOf(definition, state.pendingFieldKey);
  if (state.phase === 'collecting' && pending) events.push(fieldRequest(definition, pending));
  else if (state.phase === 'confirming') events.push(confirmationRequest(definition, state.values));
  return { state, events };
}

/**
 * Stores extracted values and says what changed: a value that replaces an earlier one is a
 * correction and is confirmed back to the visitor; a new value for another field is acknowledged.
 */
export function applyValues(session: Session, extraction: ExtractionResult, acknowledgeNew: boolean): Session {
  const { definition } = session;
  const values: Record<string, FieldValue> = { ...session.state.values };
  const changes: Array<{ label: string; value: string }> = [];
  const noted: string[] = [];
  const order = (key: string) => definition.fields.findIndex((field) => field.key === key);
  for (const entry of [...extraction.values].sort((left, right) => order(left.key) - order(right.key))) {
    const field = fieldOf(definition, entry.key)!;
    const previous = values[entry.key];
    values[entry.key] = entry.value;
    if (previous !== undefined && previous !== entry.value) changes.push({ label: field.label, value: displayValue(field, entry.value) });
    else if (previous === undefined && acknowledgeNew && entry.key !== session.state.pendingFieldKey) noted.push(field.label);
  }
  const skipped = session.state.skipped.filter((key) => values[key] === undefined);
  if (changes.length > 0) session.events.push({ type: 'text', text: replies.updated(changes) });
  if (noted.length > 0) session.events.push({ type: 'text', text: replies.noted(noted) });
  for (const problem of extraction.problems) {
    if (problem.key !== session.state.pendingFieldKey) session.events.push({ type: 'text', text: problem.visitorMessage });
  }
  return { ...session, state: { ...session.state, values, skipped } };
}

export function askWhatToChange(session: Session): OfflineTurnResult {
  session.events.push({ type: 'text', text: replies.askWhatToChange(session.definition, session.state.values) });
  return { state: { ...session.state, phase: 'choosing-edit', pendingFieldKey: null }, events: session.events };
}

/** Asks one already-answered field again; once answered, the summary comes back. */
export function askField(session: Session, field: ActionField): OfflineTurnResult {
  session.events.push(fieldRequest(session.definition, field));
  return { state: { ...session.state, phase: 'collecting', pendingFieldKey: field.key }, events: session.events };
}
