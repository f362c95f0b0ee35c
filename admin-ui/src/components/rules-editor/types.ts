import type { FieldIssue } from '../../lib/field-issues';
import type { ActionDefinition, ActionField } from '../../lib/service-types';

export interface RulesEditorProps {
  qualification: ActionDefinition['qualification'];
  fields: ActionField[];
  onChange: (qualification: ActionDefinition['qualification']) => void;
  /** The service's issues under `qualification` (`rules[0].value`). */
  issues?: FieldIssue[];
}
