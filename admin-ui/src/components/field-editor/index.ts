export { FieldEditor } from './component';
export { keyFromLabel, newField, uniqueKey } from './field-keys';
export type { FieldEditorProps } from './types';
