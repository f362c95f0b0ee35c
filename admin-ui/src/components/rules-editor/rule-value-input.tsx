import { CheckboxControl, SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from '@wordpress/element';
import type { FieldType, QualificationRule, RuleOperator } from '../../lib/service-types';
import { ruleValueToText, textToRuleValue, valueHint } from './rule-value';

interface RuleValueInputProps {
  label: string;
  value: QualificationRule['value'];
  operator: RuleOperator;
  fieldType: FieldType | undefined;
  /** The field's choices (enum fields): the value is picked from them, never typed as a stored key. */
  choices?: Array<{ value: string; label: string }>;
  onChange: (value: QualificationRule['value']) => void;
}

/** One choice (equals) from a list, or several (in / not in) as checkboxes. */
function ChoiceValueInput({ label, value, operator, choices, onChange }: Omit<RuleValueInputProps, 'fieldType'> & { choices: Array<{ value: string; label: string }> }) {
  if (operator === 'in' || operator === 'not_in') {
    const picked = Array.isArray(value) ? value.map(String) : [];
    return (
      <fieldset className="aa-rule-choices">
        <legend className="screen-reader-text">{label}</legend>
        {choices.map((choice) => (
          <CheckboxControl
            __nextHasNoMarginBottom
            key={choice.value}
            label={choice.label}
            checked={picked.includes(choice.value)}
            onChange={(isChecked: boolean) => {
              const next = isChecked ? [...picked, choice.value] : picked.filter((item) => item !== choice.value);
              // Keep the field's own order, so the rule reads like the question.
              const ordered = choices.map((item) => item.value).filter((item) => next.includes(item));
              onChange(ordered.length ? ordered : undefined);
            }}
          />
        ))}
      </fieldset>
    );
  }
  const current = typeof value === 'string' ? value : '';
  const known = choices.some((choice) => choice.value === current);
  return (
    <SelectControl
      __nextHasNoMarginBottom
      hideLabelFromVision
      label={label}
      value={current}
      options={[
        { value: '', label: __('Choose…', 'affiliate-agent'), disabled: true },
        // A value no option holds any more (an option was renamed) stays visible until it is changed.
        ...(current && !known ? [{ value: current, label: sprintf(__('%s (no longer an option)', 'affiliate-agent'), current) }] : []),
        ...choices,
      ]}
      onChange={(next: string) => onChange(next || undefined)}
    />
  );
}

/** Keeps the typed text ("1000, ") while the parsed value goes up, so typing a list is not fought. */
export function RuleValueInput({ label, value, operator, fieldType, choices, onChange }: RuleValueInputProps) {
  const [text, setText] = useState(ruleValueToText(value));
  useEffect(() => {
    if (JSON.stringify(textToRuleValue(text, operator, fieldType)) !== JSON.stringify(value)) setText(ruleValueToText(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(value)]);
  const isChoiceOperator = ['equals', 'not_equals', 'in', 'not_in'].includes(operator);
  if (isChoiceOperator && choices?.length) return <ChoiceValueInput label={label} value={value} operator={operator} choices={choices} onChange={onChange} />;
  if ((operator === 'equals' || operator === 'not_equals') && (fieldType === 'boolean' || fieldType === 'consent')) {
    return (
      <SelectControl
        __nextHasNoMarginBottom
        hideLabelFromVision
        label={label}
        value={value === true ? 'true' : value === false ? 'false' : ''}
        options={[
          { value: '', label: __('Choose…', 'affiliate-agent'), disabled: true },
          { value: 'true', label: __('Yes', 'affiliate-agent') },
          { value: 'false', label: __('No', 'affiliate-agent') },
        ]}
        onChange={(next: string) => onChange(next === 'true' ? true : next === 'false' ? false : undefined)}
      />
    );
  }
  return (
    <TextControl
      __nextHasNoMarginBottom
      label={label}
      hideLabelFromVision
      value={text}
      placeholder={valueHint(operator)}
      onChange={(next: string) => {
        setText(next);
        onChange(textToRuleValue(next, operator, fieldType));
      }}
    />
  );
}
