import type { ActionDefinition, FieldValues, QualificationResult } from '../../lib/service-types';

export interface ScorePreviewProps {
  definition: ActionDefinition;
  /** Asks the service to score the answers with exactly its own engine. */
  onPreview: (definition: ActionDefinition, answers: FieldValues) => Promise<QualificationResult>;
  /** Milliseconds to wait after the last keystroke before asking. */
  debounceMs?: number;
}
