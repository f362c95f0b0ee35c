import { CheckboxControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { stepTypeLabels } from '../../lib/definition-labels';
import type { ActionStep } from '../../lib/service-types';
import { FieldError } from '../field-error';

/** A step's name as the owner reads it in the list: its label, else its type. */
export const stepName = (step: ActionStep) => step.label || stepTypeLabels()[step.type];

/**
 * "Runs only after these steps succeed", chosen by name among the other steps; the stored value
 * stays the step ids the service expects. A dependency whose step is gone is still listed, so
 * the owner can see and clear it (the service would refuse it on save).
 */
export function DependsOnPicker({ step, steps, onChange, error }: { step: ActionStep; steps: ActionStep[]; onChange: (dependsOn: string[]) => void; error?: string }) {
  const others = steps.filter((other) => other !== step && other.id);
  const missing = step.dependsOn.filter((id) => !others.some((other) => other.id === id));
  const toggle = (id: string, isChecked: boolean) => onChange(isChecked ? [...step.dependsOn, id] : step.dependsOn.filter((item) => item !== id));
  return (
    <fieldset className="aa-depends-on">
      <legend>{__('Runs only after these steps succeed', 'affiliate-agent')}</legend>
      {others.length === 0 && missing.length === 0 ? <p className="aa-muted">{__('No other steps yet; this one runs on its own.', 'affiliate-agent')}</p> : null}
      {others.map((other) => (
        <CheckboxControl
          key={other.id}
          __nextHasNoMarginBottom
          label={stepName(other)}
          checked={step.dependsOn.includes(other.id)}
          onChange={(isChecked: boolean) => toggle(other.id, isChecked)}
        />
      ))}
      {missing.map((id) => (
        <CheckboxControl
          key={id}
          __nextHasNoMarginBottom
          /* translators: %s: id of a step that no longer exists */
          label={sprintf(__('%s (this step no longer exists)', 'affiliate-agent'), id)}
          checked
          onChange={() => toggle(id, false)}
        />
      ))}
      <FieldError message={error} />
    </fieldset>
  );
}
