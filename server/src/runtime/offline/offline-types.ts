import type { ActionDefinition, FieldType } from '../../contract/action-definition';
import type { FieldValue } from '../../actions/field-values';

/** The offline engine's contract with the conversation runtime. Everything here is plain JSON. */

export interface OfflineAction {
  actionId: string;
  version: number;
  definition: ActionDefinition;
}

export type OfflinePhase = 'idle' | 'collecting' | 'confirming' | 'choosing-edit';

/** One conversation's action session; stored with the conversation between turns. */
export interface OfflineSessionState {
  schema: 1;
  phase: OfflinePhase;
  /** The action being filled in; null when idle. */
  action: { actionId: string; actionKey: string; version: number } | null;
  values: Record<string, FieldValue>;
  /** Optional fields the visitor chose to skip; not asked again. */
  skipped: string[];
  /** The field whose question was asked last and awaits an answer. */
  pendingFieldKey: string | null;
  /** Keys of the actions this conversation has submitted, oldest first. */
  submittedActionKeys: string[];
}

export interface OfflineFieldPrompt {
  key: string;
  label: string;
  type: FieldType;
  question: string;
  required: boolean;
  helpText?: string;
  options?: Array<{ value: string; label: string }>;
  consentText?: string;
}

export interface OfflineSummaryLine {
  key: string;
  label: string;
  /** The value as the visitor should read it ("YouTube", "40,000", "Agreed"). */
  value: string;
}

export type OfflineEvent =
  | { type: 'text'; text: string }
  /** Ask this field; the question to show is `field.question`. */
  | { type: 'field-request'; actionKey: string; field: OfflineFieldPrompt }
  | { type: 'confirmation-request'; actionKey: string; title: string; intro: string; summary: OfflineSummaryLine[] }
  /** The visitor confirmed: the caller creates the lead and replies with the completion message. */
  | { type: 'submit'; actionKey: string; actionId: string; version: number; values: Record<string, FieldValue> }
  | { type: 'cancelled'; actionKey: string }
  /** Not about the action: the caller answers it (knowledge index or fallback message). */
  | { type: 'question'; text: string };

export interface OfflineTurnOptions {
  /** Least intent score that starts an action (0..1); default DEFAULT_INTENT_THRESHOLD. */
  intentThreshold?: number;
}

export interface OfflineTurnResult {
  state: OfflineSessionState;
  events: OfflineEvent[];
}
