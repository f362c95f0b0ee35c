import type { ActionDefinition } from '../../lib/service-types';

export interface QuestionPreviewProps {
  definition: Pick<ActionDefinition, 'fields' | 'confirmation' | 'completionMessage'>;
}
