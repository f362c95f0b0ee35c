import type { FieldType, QualificationRule, RuleOperator } from '../../lib/service-types';
import { VALUELESS_OPERATORS } from '../../lib/definition-labels';

type RuleValue = QualificationRule['value'];

const asNumberOr = (text: string): string | number => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text.trim());

/** Turns what the owner typed into the value the schema expects for this operator and field type. */
export function textToRuleValue(text: string, operator: RuleOperator, fieldType: FieldType | undefined): RuleValue {
  if (VALUELESS_OPERATORS.includes(operator) || text.trim() === '') return undefined;
  const items = () => text.split(',').map((item) => item.trim()).filter(Boolean);
  switch (operator) {
    case 'in':
    case 'not_in':
      return items().map((item) => (fieldType === 'number' ? asNumberOr(item) : item));
    case 'between':
      return items().map(asNumberOr);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return asNumberOr(text);
    case 'equals':
    case 'not_equals':
      if (fieldType === 'number') return asNumberOr(text);
      if (fieldType === 'boolean' || fieldType === 'consent') return /^(true|yes)$/i.test(text.trim()) ? true : /^(false|no)$/i.test(text.trim()) ? false : text.trim();
      return text.trim();
    default:
      return text.trim();
  }
}

export function ruleValueToText(value: RuleValue): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function valueHint(operator: RuleOperator): string | undefined {
  if (operator === 'in' || operator === 'not_in') return 'youtube, instagram';
  if (operator === 'between') return '1000, 10000';
  if (operator === 'matches') return '^https://';
  return undefined;
}
