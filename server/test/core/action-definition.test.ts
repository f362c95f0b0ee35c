import { actionDefinitionSchema } from '../../src/actions/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { issuesFromZod } from '../../src/core/zod-issues';

function issuesOf(input: unknown) {
  const result = actionDefinitionSchema.safeParse(input);
  if (result.success) return [];
  return issuesFromZod(result.error).map((issue) => `${issue.path}: ${issue.message}`);
}

const base = () => structuredClone(ACTION_TEMPLATES['affiliate-application']) as any;

describe('the action definition schema', () => {
  it('accepts both built-in templates', () => {
    expect(issuesOf(ACTION_TEMPLATES['affiliate-application'])).toEqual([]);
    expect(issuesOf(ACTION_TEMPLATES['payout-preference'])).toEqual([]);
  });

  it('names the exact path and the accepted field types for a wrong type', () => {
    const definition = base();
    definition.fields[2].type = 'dropdown';
    expect(issuesOf(definition)).toContain('fields[2].type: expected one of text, email, url, number, phone, enum, boolean, consent');
  });

  it('refuses duplicate field keys, rules on unknown fields and enum fields without options', () => {
    const definition = base();
    definition.fields[1].key = 'name';
    definition.qualification.rules[0].field = 'followers';
    definition.fields[2].options = [];
    const issues = issuesOf(definition);
    expect(issues).toContain("fields[1].key: the key 'name' is used by another field");
    expect(issues.some((issue) => issue.startsWith('qualification.rules[0].field: no field has the key \'followers\''))).toBe(true);
    expect(issues).toContain('fields[2].options: an enum field needs at least 2 options');
  });

  it('refuses thresholds that start at the same score, and between without two numbers', () => {
    const definition = base();
    definition.qualification.thresholds[1].minScore = 50;
    definition.qualification.rules[1].value = [1];
    const issues = issuesOf(definition);
    expect(issues).toContain('qualification.thresholds[1].minScore: another threshold already starts at 50; each must be different');
    expect(issues).toContain("qualification.rules[1].value: 'between' needs two numbers, e.g. [1000, 10000]");
  });

  it('refuses an unknown step type and a step depending on a later step', () => {
    const definition = base();
    definition.steps.push({ id: 'sms', type: 'sms', config: {} });
    expect(issuesOf(definition)).toContain('steps[3].type: expected a step type: one of affiliatewp_application, webhook, email, notify_manager, reply');
    const ordered = base();
    ordered.steps[0].dependsOn = ['notify'];
    expect(issuesOf(ordered)).toContain("steps[0].dependsOn[0]: 'notify' must be the id of an earlier step");
  });

  it('refuses a webhook without a valid URL and an invalid regular expression', () => {
    const definition = base();
    definition.steps.push({ id: 'crm', type: 'webhook', config: { url: 'not-a-url' } });
    definition.fields[0].validation = { pattern: '([' };
    const issues = issuesOf(definition);
    expect(issues.some((issue) => issue.startsWith('steps[3].config.url:'))).toBe(true);
    expect(issues).toContain('fields[0].validation.pattern: expected a valid regular expression');
  });
});
