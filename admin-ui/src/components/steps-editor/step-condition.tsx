import { CheckboxControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { issueAt } from '../../lib/field-issues';
import type { FieldIssue } from '../../lib/field-issues';
import { routeLabels } from '../../lib/definition-labels';
import type { Route, StepCondition } from '../../lib/service-types';
import { ListInput } from '../list-input';
import { NumberInput } from '../number-input';

interface StepConditionEditorProps {
  stepName: string;
  when: StepCondition;
  issues: FieldIssue[];
  onChange: (when: StepCondition) => void;
}

/** "Run only when…": empty means always. Unset parts are removed so the saved JSON stays minimal. */
export function StepConditionEditor({ stepName, when, issues, onChange }: StepConditionEditorProps) {
  const condition = when ?? {};
  const set = (patch: Partial<NonNullable<StepCondition>>) => {
    const next: Record<string, unknown> = { ...condition, ...patch };
    Object.keys(next).forEach((key) => {
      const value = next[key];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
    });
    onChange(Object.keys(next).length ? (next as StepCondition) : undefined);
  };
  const routes = condition.routes ?? [];
  return (
    <fieldset className="aa-fieldset">
      <legend>{sprintf(__('When to run “%s” (leave empty to always run)', 'affiliate-agent'), stepName)}</legend>
      <div className="aa-checkbox-row">
        {(Object.entries(routeLabels()) as Array<[Route, string]>).map(([route, label]) => (
          <CheckboxControl
            __nextHasNoMarginBottom
            key={route}
            label={sprintf(__('Route is %s', 'affiliate-agent'), label)}
            checked={routes.includes(route)}
            onChange={(isChecked: boolean) => set({ routes: isChecked ? [...routes, route] : routes.filter((item) => item !== route) })}
          />
        ))}
      </div>
      <div className="aa-grid">
        <NumberInput label={__('Score at least', 'affiliate-agent')} value={condition.minScore} step={1} onChange={(minScore) => set({ minScore })} error={issueAt(issues, 'minScore')} />
        <NumberInput label={__('Score at most', 'affiliate-agent')} value={condition.maxScore} step={1} onChange={(maxScore) => set({ maxScore })} error={issueAt(issues, 'maxScore')} />
        <ListInput label={__('Has any of these tags', 'affiliate-agent')} values={condition.tagsAny ?? []} onChange={(tagsAny) => set({ tagsAny })} error={issueAt(issues, 'tagsAny')} />
      </div>
    </fieldset>
  );
}
