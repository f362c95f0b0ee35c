import { detectCommand, looksLikeQuestion, startsLikeQuestion } from './commands';
import { extractFieldValues } from './extract-fields';
import { fieldNamedIn, fieldOnlyNamedIn } from './field-references';
import { detectActionIntent, DEFAULT_INTENT_THRESHOLD } from './intent';
import { fieldRequest, replies } from './offline-replies';
import {
  actionsBesides,
  advance,
  applyValues,
  askField,
  askWhatToChange,
  cancel,
  fieldOf,
  idle,
  initialOfflineState,
  repeatPrompt,
  restart,
  submit,
  type Session,
} from './offline-session';
import type { OfflineAction, OfflineSessionState, OfflineTurnOptions, OfflineTurnResult } from './offline-types';
import { parseYesNo } from '../../actions/field-parsers/yes-no';

/**
 * One visitor message through the offline engine: a pure function from the stored state and the
 * message to the next state and the events to show. No I/O; the caller stores the state, answers
 * `question` events and creates the lead on `submit`.
 */
/**
 * "I'm Ana, ana@site.com, I run a YouTube channel with 40k subscribers" names no action but plainly
 * starts one: an email and two more of one action's fields, in a message that is not a question.
 */
const VOLUNTEERED_MINIMUM = 3;
function actionForVolunteeredDetails(message: string, actions: OfflineAction[]): OfflineAction | null {
  if (looksLikeQuestion(message)) return null;
  let best: { action: OfflineAction; count: number } | null = null;
  for (const action of actions) {
    const { values } = extractFieldValues(message, action.definition, { current: {} });
    const emailKeys = new Set(action.definition.fields.filter((field) => field.type === 'email').map((field) => field.key));
    if (values.length < VOLUNTEERED_MINIMUM || !values.some((value) => emailKeys.has(value.key))) continue;
    if (!best || values.length > best.count) best = { action, count: values.length };
  }
  return best?.action ?? null;
}

/**
 * "I'm on tiktok", "I run a food blog with 20k readers": a visitor describing where they publish, to
 * an agent whose action asks exactly that, is offering to promote; the application starts with it.
 */
const DESCRIBES_SELF = /^(?:(?:hi|hey|hello|so|well)\W+)*(?:i'?m|i am|im|we'?re|we are) (?:on|a|an|active on|big on)\b|^(?:(?:hi|hey|hello|so|well)\W+)*(?:i|we) (?:run|have|own|make|create|post on|stream on|do|write)\b/i;
function actionForSelfDescription(message: string, actions: OfflineAction[]): OfflineAction | null {
  if (looksLikeQuestion(message) || !DESCRIBES_SELF.test(message.trim())) return null;
  return (
    actions.find((action) => {
      const { values } = extractFieldValues(message, action.definition, { current: {} });
      return values.some((value) => action.definition.fields.find((field) => field.key === value.key)?.type === 'enum');
    }) ?? null
  );
}

function handleIdle(state: OfflineSessionState, message: string, actions: OfflineAction[], options: OfflineTurnOptions): OfflineTurnResult {
  const command = detectCommand(message);
  if (command === 'cancel' || command === 'restart') return { state, events: [{ type: 'text', text: replies.nothingToCancel }] };
  const intent = detectActionIntent(
    message,
    actions.map((action) => action.definition),
    options.intentThreshold ?? DEFAULT_INTENT_THRESHOLD,
  );
  const action = (intent && actions.find((candidate) => candidate.definition.key === intent.actionKey)) || actionForVolunteeredDetails(message, actions) || actionForSelfDescription(message, actions);
  if (!action) return { state, events: [{ type: 'question', text: message }] };
  const definition = action.definition;
  const started: OfflineSessionState = {
    ...idle(state),
    phase: 'collecting',
    action: { actionId: action.actionId, actionKey: definition.key, version: action.version },
  };
  const session: Session = {
    state: started,
    action,
    definition,
    events: [{ type: 'text', text: replies.started(definition) }],
    otherActions: actions.filter((candidate) => candidate !== action),
  };
  // "I want to apply, I'm Ana, ana@site.com" starts the action with what it already says.
  return advance(applyValues(session, extractFieldValues(message, definition, { current: {} }), true));
}

function handleCollecting(session: Session, message: string): OfflineTurnResult {
  const { definition, events } = session;
  const pending = fieldOf(definition, session.state.pendingFieldKey);
  if (!pending) return advance(session);
  switch (detectCommand(message)) {
    case 'cancel':
      return cancel(session);
    case 'restart':
      return restart(session);
    case 'skip': {
      if (!pending.required) {
        events.push({ type: 'text', text: replies.skipped(pending) });
        const values = { ...session.state.values };
        delete values[pending.key];
        return advance({ ...session, state: { ...session.state, values, skipped: [...session.state.skipped, pending.key] } });
      }
      // "None" can be an answer ("none yet" followers is 0); only when it is not does it mean skip.
      const asAnswer = extractFieldValues(message, definition, { pendingFieldKey: pending.key, current: session.state.values });
      if (asAnswer.values.some((entry) => entry.key === pending.key)) return advance(applyValues(session, asAnswer, true));
      events.push({ type: 'text', text: replies.cannotSkip(pending) });
      return repeatPrompt(session);
    }
    case 'edit': {
      // "change my email" asks that field again; a bare "go back" / "change something" asks which.
      const named = fieldNamedIn(message, definition);
      if (named) return askField(session, named);
      if (Object.keys(session.state.values).length > 0) return askWhatToChange(session);
      break;
    }
  }
  // Options match loosely ("podcasts" is near "podcast"), so a question about them is answered, not taken as a choice.
  // Any message that opens like a question is one ("Do you offer a signup bonus?"): answered, never stored.
  if (startsLikeQuestion(message) && !/@|\d{3}/.test(message)) {
    events.push({ type: 'question', text: message });
    return repeatPrompt(session);
  }
  const extraction = extractFieldValues(message, definition, { pendingFieldKey: pending.key, current: session.state.values });
  const answered = extraction.values.some((entry) => entry.key === pending.key);
  const problem = extraction.problems.find((entry) => entry.key === pending.key);
  const gaveOther = extraction.values.length > 0 || extraction.problems.some((entry) => entry.key !== pending.key);
  if (!answered && !gaveOther && looksLikeQuestion(message)) {
    // A program question mid-application: the caller answers it, then the field is asked again.
    events.push({ type: 'question', text: message });
    return repeatPrompt(session);
  }
  if (!answered && !gaveOther) {
    // Only a clear request for another action: an invalid answer merely sharing a word is re-asked.
    const other = detectActionIntent(message, actionsBesides(session), 0.6);
    if (other) {
      const name = session.otherActions.find((candidate) => candidate.definition.key === other.actionKey)?.definition.name ?? other.actionKey;
      events.push({ type: 'text', text: replies.busyWithAnother(definition, name) });
      return repeatPrompt(session);
    }
  }
  const updated = applyValues(session, extraction, true);
  if (answered) return advance(updated);
  if (problem?.code === 'consent-refused') updated.events.push({ type: 'text', text: replies.consentRefused(definition) });
  else if (problem && pending.type !== 'enum') updated.events.push({ type: 'text', text: replies.invalid(problem.visitorMessage, pending) });
  else if (problem || !gaveOther) updated.events.push({ type: 'text', text: replies.notUnderstood(pending) });
  return advance(updated);
}

/** A change given with its new value is applied and the summary shown again with the new values. */
function applyChanges(session: Session, message: string): OfflineTurnResult | null {
  const extraction = extractFieldValues(message, session.definition, { current: session.state.values, overwrite: true });
  if (extraction.values.length === 0 && extraction.problems.length === 0) return null;
  const updated = applyValues(session, extraction, true);
  // A changed value that failed validation is asked for again with its message.
  const invalid = extraction.problems.map((entry) => fieldOf(session.definition, entry.key)).find((field) => field !== undefined);
  if (invalid) {
    updated.events.push(fieldRequest(session.definition, invalid));
    return { state: { ...updated.state, phase: 'collecting', pendingFieldKey: invalid.key }, events: updated.events };
  }
  return advance(updated);
}

const WANTS_CHANGE = /\b(change|edit|fix|update|modify|wrong|incorrect|not right|typo|mistake)\b/i;

function handleConfirming(session: Session, message: string): OfflineTurnResult {
  switch (detectCommand(message)) {
    case 'cancel':
      return cancel(session);
    case 'restart':
      return restart(session);
    case 'edit':
      return askWhatToChange(session);
  }
  const onlyNamed = fieldOnlyNamedIn(message, session.definition);
  if (onlyNamed) return askField(session, onlyNamed);
  // Values first: "yes, but my email is …" changes the summary, and only what was shown is submitted.
  const changed = applyChanges(session, message);
  if (changed) return changed;
  const named = fieldNamedIn(message, session.definition);
  const answer = parseYesNo(message);
  // "Yes but change the email" is not a yes.
  const wantsChange = WANTS_CHANGE.test(message);
  if (answer === 'yes' && !wantsChange) return submit(session);
  if (named && (wantsChange || answer === 'no')) return askField(session, named);
  if (answer === 'no' || wantsChange) return askWhatToChange(session);
  if (looksLikeQuestion(message)) {
    session.events.push({ type: 'question', text: message });
    return repeatPrompt(session);
  }
  session.events.push({ type: 'text', text: replies.confirmOrChange });
  return repeatPrompt(session);
}

function handleChoosingEdit(session: Session, message: string): OfflineTurnResult {
  switch (detectCommand(message)) {
    case 'cancel':
      return cancel(session);
    case 'restart':
      return restart(session);
  }
  const onlyNamed = fieldOnlyNamedIn(message, session.definition);
  if (onlyNamed) return askField(session, onlyNamed);
  const changed = applyChanges(session, message);
  if (changed) return changed;
  const named = fieldNamedIn(message, session.definition);
  if (named) return askField(session, named);
  const answer = parseYesNo(message);
  if (answer !== null || /\b(nothing|all good|fine|never mind)\b/i.test(message)) return advance(session);
  if (looksLikeQuestion(message)) {
    session.events.push({ type: 'question', text: message });
    return { state: session.state, events: session.events };
  }
  return askWhatToChange(session);
}

export function offlineTurn(
  state: OfflineSessionState | null,
  message: string,
  actions: OfflineAction[],
  options: OfflineTurnOptions = {},
): OfflineTurnResult {
  const current = state ?? initialOfflineState();
  const text = message.trim();
  if (current.phase === 'idle' || !current.action) return handleIdle(idle(current), text, actions, options);
  const action =
    actions.find((candidate) => candidate.actionId === current.action!.actionId) ??
    actions.find((candidate) => candidate.definition.key === current.action!.actionKey);
  if (!action) {
    const result = handleIdle(idle(current), text, actions, options);
    return { state: result.state, events: [{ type: 'cancelled', actionKey: current.action.actionKey }, { type: 'text', text: replies.sessionGone }, ...result.events] };
  }
  // Values of fields a newer version removed are dropped, so the summary shows only real fields.
  const known = new Set(action.definition.fields.map((field) => field.key));
  const values = Object.fromEntries(Object.entries(current.values).filter(([key]) => known.has(key)));
  const session: Session = {
    state: { ...current, values },
    action,
    definition: action.definition,
    events: [],
    otherActions: actions.filter((candidate) => candidate !== action),
  };
  switch (current.phase) {
    case 'collecting':
      return handleCollecting(session, text);
    case 'confirming':
      return handleConfirming(session, text);
    case 'choosing-edit':
      return handleChoosingEdit(session, text);
  }
}
