import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { issuesUnder } from '../../lib/field-issues';
import type { ActionField } from '../../lib/service-types';
import { FieldError } from '../field-error';
import { FieldCard } from './field-card';
import { newField } from './field-keys';
import type { FieldEditorProps } from './types';

/** The fields an action collects, in the order the agent asks for them. */
export function FieldEditor({ fields, onChange, issues = [] }: FieldEditorProps) {
  const replace = (index: number, field: ActionField) => onChange(fields.map((item, itemIndex) => (itemIndex === index ? field : item)));
  const move = (index: number, direction: -1 | 1) => {
    const target = index + direction;
    if (target < 0 || target >= fields.length) return;
    const next = [...fields];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };
  const listIssue = issues.filter((issue) => issue.path.length === 0).map((issue) => issue.message).join('; ');
  return (
    <div className="aa-field-editor">
      <FieldError message={listIssue || undefined} />
      {fields.map((field, index) => (
        <FieldCard
          key={index}
          field={field}
          index={index}
          count={fields.length}
          issues={issuesUnder(issues, index)}
          onChange={(next) => replace(index, next)}
          onMove={(direction) => move(index, direction)}
          onRemove={() => onChange(fields.filter((_, itemIndex) => itemIndex !== index))}
        />
      ))}
      <Button variant="secondary" onClick={() => onChange([...fields, newField(fields)])} disabled={fields.length >= 30}>
        {__('Add field', 'affiliate-agent')}
      </Button>
    </div>
  );
}
