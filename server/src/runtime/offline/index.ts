/** The offline conversation engine: the public surface the conversation runtime wires in. */
export { offlineTurn } from './offline-turn';
export { initialOfflineState } from './offline-session';
export type {
  OfflineAction,
  OfflineEvent,
  OfflineFieldPrompt,
  OfflinePhase,
  OfflineSessionState,
  OfflineSummaryLine,
  OfflineTurnOptions,
  OfflineTurnResult,
} from './offline-types';
export { completionText, displayValue, replies, summaryLines } from './offline-replies';
export { detectActionIntent, scoreIntents, DEFAULT_INTENT_THRESHOLD, type IntentCandidate } from './intent';
export { detectCommand, looksLikeQuestion, startsLikeQuestion, type OfflineCommand } from './commands';
export { extractFieldValues, type ExtractedValue, type ExtractionResult } from './extract-fields';
