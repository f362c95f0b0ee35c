import { actionDefinitionSchema, type ActionDefinition, type QualificationRule } from '../../src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { qualify, ruleMatches, type FieldValue } from '../../src/contract/qualification';

const rule = (operator: QualificationRule['operator'], value?: QualificationRule['value']): QualificationRule => ({
  field: 'x',
  operator,
  value,
  points: 1,
  tags: [],
});

describe('a qualification rule', () => {
  const cases: Array<[QualificationRule['operator'], QualificationRule['value'] | undefined, FieldValue | null | undefined, boolean]> = [
    ['equals', 'YouTube', 'youtube', true],
    ['equals', 'youtube', 'tiktok', false],
    ['equals', 5, '5', true],
    ['not_equals', 'seo', 'ads', true],
    ['not_equals', 'seo', undefined, false],
    ['in', ['youtube', 'tiktok'], 'tiktok', true],
    ['in', ['youtube', 'tiktok'], 'blog', false],
    ['not_in', ['coupons'], 'seo', true],
    ['not_in', ['coupons'], 'coupons', false],
    ['contains', 'shop', 'myshopblog.com', true],
    ['contains', 'shop', 'blog.com', false],
    ['gt', 10, 11, true],
    ['gt', 10, 10, false],
    ['gte', 10, 10, true],
    ['lt', 1000, 999, true],
    ['lte', 1000, 1001, false],
    ['gte', 10, 'not a number', false],
    ['between', [10, 20], 10, true],
    ['between', [10, 20], 20, true],
    ['between', [10, 20], 21, false],
    ['is_true', undefined, true, true],
    ['is_true', undefined, 'true', false],
    ['is_false', undefined, false, true],
    ['is_set', undefined, 'x', true],
    ['is_set', undefined, '', false],
    ['is_set', undefined, undefined, false],
    ['is_not_set', undefined, undefined, true],
    ['is_not_set', undefined, null, true],
    ['matches', '^@', '@handle', true],
    ['matches', '(', 'anything', false],
    ['gte', 0, undefined, false],
  ];
  it.each(cases)('%s %p against %p matches: %p', (operator, value, actual, expected) => {
    expect(ruleMatches(rule(operator, value), actual)).toBe(expected);
  });
});

describe('qualifying a lead', () => {
  const application = ACTION_TEMPLATES['affiliate-application'] as ActionDefinition;

  const table: Array<{ name: string; values: Record<string, FieldValue>; score: number; route: string; tags: string[] }> = [
    {
      name: 'a YouTuber with 250k subscribers is a priority influencer',
      values: { platform: 'youtube', audience_size: 250000, traffic_source: 'organic_social', website: 'https://youtube.com/@ana' },
      score: 65,
      route: 'priority',
      tags: ['influencer', 'top partner'],
    },
    {
      name: 'a content site with 20k visitors and SEO is standard',
      values: { platform: 'blog', audience_size: 20000, traffic_source: 'seo' },
      score: 50,
      route: 'priority',
      tags: ['content site', 'top partner'],
    },
    {
      name: 'a beginner with 300 followers goes to review',
      values: { platform: 'instagram', audience_size: 300, traffic_source: 'organic_social' },
      score: 10,
      route: 'standard',
      tags: ['beginner'],
    },
    {
      name: 'coupon traffic pulls the score below every threshold',
      values: { platform: 'other', audience_size: 5000, traffic_source: 'coupons' },
      score: -20,
      route: 'review',
      tags: ['coupon'],
    },
    {
      name: 'missing optional fields match no rule',
      values: { platform: 'newsletter', audience_size: 5000, traffic_source: 'email' },
      score: 0,
      route: 'review',
      tags: [],
    },
  ];

  it.each(table)('$name', ({ values, score, route, tags }) => {
    const result = qualify(application.qualification, values);
    expect(result.score).toBe(score);
    expect(result.route).toBe(route);
    expect(result.tags.sort()).toEqual(tags.sort());
    expect(result.explanation.matched.reduce((total, matched) => total + matched.points, 0)).toBe(score);
  });

  it('explains each matched rule with its points and says which threshold was reached', () => {
    const result = qualify(application.qualification, { platform: 'youtube', audience_size: 150000, traffic_source: 'seo' });
    expect(result.explanation.matched.map((matched) => [matched.label, matched.points])).toEqual([
      ['Audience of 100k or more', 50],
      ['Video or social creator', 10],
      ['SEO traffic', 10],
    ]);
    expect(result.explanation.threshold).toEqual({ minScore: 50, route: 'priority' });
    expect(result.explanation.summary).toMatch(/Score 70: Audience of 100k or more \(\+50\)/);
  });

  it('takes the threshold whose minimum is exactly the score (a tie counts as reached)', () => {
    const definition = actionDefinitionSchema.parse({
      ...application,
      qualification: {
        rules: [{ field: 'audience_size', operator: 'gte', value: 0, points: 30, tags: [] }],
        thresholds: [
          { minScore: 30, route: 'priority', tags: [] },
          { minScore: 10, route: 'standard', tags: [] },
        ],
        defaultRoute: 'reject',
      },
    });
    expect(qualify(definition.qualification, { audience_size: 1 }).route).toBe('priority');
    expect(qualify(definition.qualification, {}).route).toBe('reject');
  });
});

describe('a rule with a route (issue 16)', () => {
  const qualification = {
    rules: [
      { label: 'Big audience', field: 'audience', operator: 'gte', value: 1000, points: 60, tags: [] },
      { label: 'Disposable email', field: 'trust.disposable_email', operator: 'is_true', points: -10, tags: ['disposable email'], route: 'review' },
      { label: 'Own domain', field: 'trust.own_domain_website', operator: 'is_true', points: 0, tags: [], route: 'reject' },
      { label: 'Fast track', field: 'audience', operator: 'gte', value: 1000, points: 0, tags: [], route: 'priority' },
    ],
    thresholds: [{ minScore: 50, route: 'priority', tags: [] }],
    defaultRoute: 'standard',
  } as ActionDefinition['qualification'];

  it('sends the lead to its route when that is more cautious than the score, and says which rule did', () => {
    const result = qualify(qualification, { audience: 5000 }, [{ check: 'disposable_email', detail: 'x.test is a disposable email domain' }]);
    expect(result.score).toBe(50);
    expect(result.route).toBe('review');
    expect(result.explanation.routedBy).toEqual({ ruleIndex: 1, label: 'Disposable email', route: 'review' });
    expect(result.explanation.trust).toEqual([{ check: 'disposable_email', detail: 'x.test is a disposable email domain' }]);
    expect(result.explanation.summary).toBe(
      'Score 50: Big audience (+60), Disposable email (-10), Fast track (+0). Reached the priority threshold at 50. Sent to review by "Disposable email". Trust checks: x.test is a disposable email domain.',
    );
  });

  it('lets the most cautious route win, and never lets a route make a lead less cautious than its score', () => {
    const both = qualify(qualification, { audience: 5000 }, [
      { check: 'disposable_email', detail: 'a' },
      { check: 'own_domain_website', detail: 'b' },
    ]);
    expect(both.route).toBe('reject');
    const clean = qualify({ ...qualification, thresholds: [], defaultRoute: 'review' }, { audience: 5000 });
    expect(clean.route).toBe('review');
    expect(clean.explanation.routedBy).toBeNull();
  });

  it('reads every trust check as answered: a rule on "is no" matches when the check did not fire', () => {
    const result = qualify({ rules: [{ field: 'trust.repeat_client', operator: 'is_false', points: 5, tags: ['first try'] }], thresholds: [], defaultRoute: 'standard' }, {});
    expect(result.score).toBe(5);
    expect(result.tags).toEqual(['first try']);
  });
});
