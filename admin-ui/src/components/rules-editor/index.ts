export { RulesEditor } from './component';
export { ruleValueToText, textToRuleValue } from './rule-value';
export type { RulesEditorProps } from './types';
