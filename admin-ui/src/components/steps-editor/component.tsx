import { Button, Card, CardBody, CardHeader, SelectControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { issueAt, issuesUnder } from '../../lib/field-issues';
import { options, stepTypeLabels } from '../../lib/definition-labels';
import type { ActionStep, StepType } from '../../lib/service-types';
import { FieldError } from '../field-error';
import { DependsOnPicker, stepName } from './depends-on-picker';
import { newStep } from './new-step';
import { StepConditionEditor } from './step-condition';
import { StepConfig } from './step-config';
import type { StepsEditorProps } from './types';

/** What happens after a lead is stored, in order, each with its own condition. */
export function StepsEditor({ steps, fields, onChange, onTestWebhook, issues = [] }: StepsEditorProps) {
  const [typeToAdd, setTypeToAdd] = useState<StepType>('notify_manager');
  // Dependencies are stored as step ids: renaming or removing a step carries over to the steps that wait for it.
  const replace = (index: number, step: ActionStep) => {
    const previousId = steps[index].id;
    onChange(
      steps.map((item, itemIndex) =>
        itemIndex === index ? step : previousId !== step.id && item.dependsOn.includes(previousId) ? { ...item, dependsOn: item.dependsOn.map((id) => (id === previousId ? step.id : id)) } : item,
      ),
    );
  };
  const remove = (index: number) => {
    const removedId = steps[index].id;
    onChange(steps.filter((_, itemIndex) => itemIndex !== index).map((item) => (item.dependsOn.includes(removedId) ? { ...item, dependsOn: item.dependsOn.filter((id) => id !== removedId) } : item)));
  };
  const move = (index: number, direction: -1 | 1) => {
    const target = index + direction;
    if (target < 0 || target >= steps.length) return;
    const next = [...steps];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };
  const fieldKeys = fields.map((field) => field.key);
  return (
    <div className="aa-steps-editor">
      {steps.length === 0 ? (
        <p className="aa-muted">{__('No steps yet: leads are only stored. Add a step to create the AffiliateWP application, notify a manager or send the lead to your CRM.', 'affiliate-agent')}</p>
      ) : null}
      {steps.map((step, index) => {
        const these = issuesUnder(issues, index);
        const name = stepName(step);
        return (
          <Card key={index} size="small" className="aa-step-card" role="group" aria-label={sprintf(__('Step %1$d: %2$s', 'affiliate-agent'), index + 1, name)}>
            <CardHeader>
              <strong>
                {index + 1}. {name}
              </strong>
              <div className="aa-row-actions">
                <Button icon="arrow-up-alt2" label={sprintf(__('Move step %d up', 'affiliate-agent'), index + 1)} disabled={index === 0} onClick={() => move(index, -1)} />
                <Button icon="arrow-down-alt2" label={sprintf(__('Move step %d down', 'affiliate-agent'), index + 1)} disabled={index === steps.length - 1} onClick={() => move(index, 1)} />
                <Button icon="trash" isDestructive label={sprintf(__('Remove step %d', 'affiliate-agent'), index + 1)} onClick={() => remove(index)} />
              </div>
            </CardHeader>
            <CardBody>
              <div className="aa-grid">
                <div>
                  <TextControl __nextHasNoMarginBottom label={__('Step id', 'affiliate-agent')} value={step.id} onChange={(id: string) => replace(index, { ...step, id })} />
                  <FieldError message={issueAt(these, 'id')} />
                </div>
                <TextControl __nextHasNoMarginBottom label={__('Label (optional)', 'affiliate-agent')} value={step.label ?? ''} onChange={(label: string) => replace(index, { ...step, label: label || undefined })} />
                <DependsOnPicker step={step} steps={steps} onChange={(dependsOn) => replace(index, { ...step, dependsOn })} error={issueAt(these, 'dependsOn')} />
              </div>
              <StepConfig step={step} fieldKeys={fieldKeys} issues={these} onChange={(next) => replace(index, next)} onTestWebhook={onTestWebhook} />
              <StepConditionEditor stepName={name} when={step.when} issues={issuesUnder(these, 'when')} onChange={(when) => replace(index, { ...step, when })} />
              <FieldError message={issueAt(these, 'type')} />
            </CardBody>
          </Card>
        );
      })}
      <div className="aa-inline-form">
        <SelectControl __nextHasNoMarginBottom label={__('Step to add', 'affiliate-agent')} value={typeToAdd} options={options(stepTypeLabels())} onChange={(type: string) => setTypeToAdd(type as StepType)} />
        <Button variant="secondary" disabled={steps.length >= 20} onClick={() => onChange([...steps, newStep(typeToAdd, steps)])}>
          {__('Add step', 'affiliate-agent')}
        </Button>
      </div>
    </div>
  );
}
