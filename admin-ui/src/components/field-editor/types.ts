import type { FieldIssue } from '../../lib/field-issues';
import type { ActionField } from '../../lib/service-types';

export interface FieldEditorProps {
  fields: ActionField[];
  onChange: (fields: ActionField[]) => void;
  /** The service's issues under `fields`, paths relative to it (`[2].type`). */
  issues?: FieldIssue[];
}

export interface FieldCardProps {
  field: ActionField;
  index: number;
  count: number;
  issues: FieldIssue[];
  onChange: (field: ActionField) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}
