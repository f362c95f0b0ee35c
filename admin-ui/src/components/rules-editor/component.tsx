import { Button, SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { issueAt, issuesUnder } from '../../lib/field-issues';
import { operatorLabels, options, routeLabels, trustCheckLabels, VALUELESS_OPERATORS } from '../../lib/definition-labels';
import { isTrustInput, TRUST_CHECKS, TRUST_INPUT_OPERATORS, TRUST_INPUT_PREFIX } from '../../../../server/src/contract/trust-checks';
import type { QualificationRule, Route, RuleOperator, Threshold } from '../../lib/service-types';
import { FieldError } from '../field-error';
import { ListInput } from '../list-input';
import { NumberInput } from '../number-input';
import { RuleValueInput } from './rule-value-input';
import { textToRuleValue, ruleValueToText } from './rule-value';
import type { RulesEditorProps } from './types';
import { TableHead } from '../table-head';
import { TableScroll } from '../table-scroll';

/**
 * Qualification as a table an owner can read aloud: "if Audience size is at least 100000, add 50
 * points and tag influencer". Thresholds then turn the score into a route.
 */
export function RulesEditor({ qualification, fields, onChange, issues = [] }: RulesEditorProps) {
  const { rules, thresholds } = qualification;
  const ruleIssues = issuesUnder(issues, 'rules');
  const thresholdIssues = issuesUnder(issues, 'thresholds');
  const setRules = (next: QualificationRule[]) => onChange({ ...qualification, rules: next });
  const setRule = (index: number, patch: Partial<QualificationRule>) => setRules(rules.map((rule, itemIndex) => (itemIndex === index ? { ...rule, ...patch } : rule)));
  const setThresholds = (next: Threshold[]) => onChange({ ...qualification, thresholds: next });
  const setThreshold = (index: number, patch: Partial<Threshold>) => setThresholds(thresholds.map((item, itemIndex) => (itemIndex === index ? { ...item, ...patch } : item)));
  const checkLabels = trustCheckLabels();
  // Trust checks sit beside the fields: each is a yes/no input the service answers for every lead.
  const fieldOptions = [
    ...fields.map((field) => ({ value: field.key, label: field.label || field.key })),
    ...TRUST_CHECKS.map((check) => ({ value: `${TRUST_INPUT_PREFIX}${check}`, label: sprintf(__('Trust check: %s', 'affiliate-agent'), checkLabels[check]) })),
  ];
  const allOperators = options(operatorLabels());
  const trustOperators = allOperators.filter((option) => (TRUST_INPUT_OPERATORS as readonly string[]).includes(option.value));
  const ruleRouteOptions = [{ value: '', label: __('by score', 'affiliate-agent') }, ...options(routeLabels())];
  const changeField = (index: number, field: string) => {
    if (!isTrustInput(field)) return setRule(index, { field });
    const { value: _value, ...rest } = rules[index];
    setRules(rules.map((item, itemIndex) => (itemIndex === index ? { ...rest, field, operator: TRUST_INPUT_OPERATORS.includes(rest.operator as 'is_true') ? rest.operator : 'is_true' } : item)));
  };
  const typeOf = (key: string) => fields.find((field) => field.key === key)?.type;
  const choicesOf = (key: string) => {
    const field = fields.find((candidate) => candidate.key === key);
    return field?.type === 'enum' ? field.options?.map((option) => ({ value: option.value, label: option.label || option.value })) : undefined;
  };

  const changeOperator = (index: number, operator: RuleOperator) => {
    const rule = rules[index];
    const value = VALUELESS_OPERATORS.includes(operator) ? undefined : textToRuleValue(ruleValueToText(rule.value), operator, typeOf(rule.field));
    const next: QualificationRule = { ...rule, operator };
    if (value === undefined) delete next.value;
    else next.value = value;
    setRules(rules.map((item, itemIndex) => (itemIndex === index ? next : item)));
  };

  return (
    <div className="aa-rules-editor">
      <h3>{__('Rules', 'affiliate-agent')}</h3>
      {rules.length === 0 ? (
        <p className="aa-muted">{__('No rules yet. Add a rule to give points for answers you value, for example a large audience.', 'affiliate-agent')}</p>
      ) : (
        <TableScroll label={__('Rules', 'affiliate-agent')}>
          <table className="widefat striped aa-table aa-rules-table">
            <TableHead columns={[__('Label', 'affiliate-agent'), __('Field', 'affiliate-agent'), __('Operator', 'affiliate-agent'), __('Value', 'affiliate-agent'), __('Points', 'affiliate-agent'), __('Tags', 'affiliate-agent'), __('Route', 'affiliate-agent')]} actionsColumn />
            <tbody>
              {rules.map((rule, index) => {
                const these = issuesUnder(ruleIssues, index);
                const number = index + 1;
                return (
                  <tr key={index}>
                    <td>
                      <TextControl __nextHasNoMarginBottom hideLabelFromVision label={sprintf(__('Rule %d label', 'affiliate-agent'), number)} value={rule.label ?? ''} onChange={(label: string) => setRule(index, { label: label || undefined })} />
                      <FieldError message={issueAt(these, 'label')} />
                    </td>
                    <td>
                      <SelectControl
                        __nextHasNoMarginBottom
                        hideLabelFromVision
                        label={sprintf(__('Rule %d field', 'affiliate-agent'), number)}
                        value={rule.field}
                        options={fieldOptions.some((option) => option.value === rule.field) ? fieldOptions : [{ value: rule.field, label: rule.field }, ...fieldOptions]}
                        onChange={(field: string) => changeField(index, field)}
                      />
                      <FieldError message={issueAt(these, 'field')} />
                    </td>
                    <td>
                      <SelectControl
                        __nextHasNoMarginBottom
                        hideLabelFromVision
                        label={sprintf(__('Rule %d operator', 'affiliate-agent'), number)}
                        value={rule.operator}
                        options={isTrustInput(rule.field) ? trustOperators : allOperators}
                        onChange={(operator: string) => changeOperator(index, operator as RuleOperator)}
                      />
                      <FieldError message={issueAt(these, 'operator')} />
                    </td>
                    <td>
                      {VALUELESS_OPERATORS.includes(rule.operator) ? (
                        <span className="aa-muted">{__('no value needed', 'affiliate-agent')}</span>
                      ) : (
                        <RuleValueInput
                          label={sprintf(__('Rule %d value', 'affiliate-agent'), number)}
                          value={rule.value}
                          operator={rule.operator}
                          fieldType={typeOf(rule.field)}
                          choices={choicesOf(rule.field)}
                          onChange={(value) => {
                            const next: QualificationRule = { ...rule };
                            if (value === undefined) delete next.value;
                            else next.value = value;
                            setRules(rules.map((item, itemIndex) => (itemIndex === index ? next : item)));
                          }}
                        />
                      )}
                      <FieldError message={issueAt(these, 'value')} />
                    </td>
                    <td>
                      <NumberInput hideLabelFromVision label={sprintf(__('Rule %d points', 'affiliate-agent'), number)} value={rule.points} step={1} onChange={(points) => setRule(index, { points: points ?? 0 })} error={issueAt(these, 'points')} />
                    </td>
                    <td>
                      <ListInput hideLabelFromVision label={sprintf(__('Rule %d tags', 'affiliate-agent'), number)} values={rule.tags} onChange={(tags) => setRule(index, { tags })} error={issueAt(these, 'tags')} />
                    </td>
                    <td>
                      <SelectControl
                        __nextHasNoMarginBottom
                        hideLabelFromVision
                        label={sprintf(__('Rule %d route', 'affiliate-agent'), number)}
                        value={rule.route ?? ''}
                        options={ruleRouteOptions}
                        onChange={(route: string) => {
                          const { route: _route, ...rest } = rule;
                          setRules(rules.map((item, itemIndex) => (itemIndex === index ? (route ? { ...rest, route: route as Route } : rest) : item)));
                        }}
                      />
                      <FieldError message={issueAt(these, 'route')} />
                    </td>
                    <td>
                      <Button icon="trash" isDestructive label={sprintf(__('Remove rule %d', 'affiliate-agent'), number)} onClick={() => setRules(rules.filter((_, itemIndex) => itemIndex !== index))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Button
        variant="secondary"
        disabled={fields.length === 0}
        onClick={() => setRules([...rules, { field: fields[0]?.key ?? '', operator: 'is_set', points: 10, tags: [] }])}
      >
        {__('Add rule', 'affiliate-agent')}
      </Button>

      <p className="aa-muted">{__('A rule with a route sends a matching lead there whatever its score, when that route is more cautious (for example Needs review for a disposable email).', 'affiliate-agent')}</p>

      <h3>{__('Thresholds', 'affiliate-agent')}</h3>
      <p className="aa-muted">{__('The highest threshold a score reaches decides the route; below all of them, the default route applies.', 'affiliate-agent')}</p>
      {thresholds.length ? (
        <TableScroll label={__('Thresholds', 'affiliate-agent')}>
          <table className="widefat striped aa-table aa-thresholds-table">
            <TableHead columns={[__('From score', 'affiliate-agent'), __('Route', 'affiliate-agent'), __('Tags', 'affiliate-agent')]} actionsColumn />
            <tbody>
              {thresholds.map((threshold, index) => {
                const these = issuesUnder(thresholdIssues, index);
                const number = index + 1;
                return (
                  <tr key={index}>
                    <td>
                      <NumberInput hideLabelFromVision label={sprintf(__('Threshold %d minimum score', 'affiliate-agent'), number)} value={threshold.minScore} step={1} onChange={(minScore) => setThreshold(index, { minScore: minScore ?? 0 })} error={issueAt(these, 'minScore')} />
                    </td>
                    <td>
                      <SelectControl __nextHasNoMarginBottom hideLabelFromVision label={sprintf(__('Threshold %d route', 'affiliate-agent'), number)} value={threshold.route} options={options(routeLabels())} onChange={(route: string) => setThreshold(index, { route: route as Route })} />
                      <FieldError message={issueAt(these, 'route')} />
                    </td>
                    <td>
                      <ListInput hideLabelFromVision label={sprintf(__('Threshold %d tags', 'affiliate-agent'), number)} values={threshold.tags} onChange={(tags) => setThreshold(index, { tags })} error={issueAt(these, 'tags')} />
                    </td>
                    <td>
                      <Button icon="trash" isDestructive label={sprintf(__('Remove threshold %d', 'affiliate-agent'), number)} onClick={() => setThresholds(thresholds.filter((_, itemIndex) => itemIndex !== index))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <Button
        variant="secondary"
        disabled={thresholds.length >= 10}
        onClick={() => setThresholds([...thresholds, { minScore: Math.max(0, ...thresholds.map((item) => item.minScore + 10)), route: 'priority', tags: [] }])}
      >
        {__('Add threshold', 'affiliate-agent')}
      </Button>
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Default route (below every threshold)', 'affiliate-agent')}
        value={qualification.defaultRoute}
        options={options(routeLabels())}
        onChange={(defaultRoute: string) => onChange({ ...qualification, defaultRoute: defaultRoute as Route })}
      />
      <FieldError message={issueAt(issues, 'defaultRoute')} />
    </div>
  );
}
