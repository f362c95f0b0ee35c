import { TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import type { FieldType, QualificationRule, RuleOperator } from '../../lib/service-types';
import { ruleValueToText, textToRuleValue, valueHint } from './rule-value';

interface RuleValueInputProps {
  label: string;
  value: QualificationRule['value'];
  operator: RuleOperator;
  fieldType: FieldType | undefined;
  onChange: (value: QualificationRule['value']) => void;
}

/** Keeps the typed text ("1000, ") while the parsed value goes up, so typing a list is not fought. */
export function RuleValueInput({ label, value, operator, fieldType, onChange }: RuleValueInputProps) {
  const [text, setText] = useState(ruleValueToText(value));
  useEffect(() => {
    if (JSON.stringify(textToRuleValue(text, operator, fieldType)) !== JSON.stringify(value)) setText(ruleValueToText(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(value)]);
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
