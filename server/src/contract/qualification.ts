import { ROUTES, type ActionDefinition, type QualificationRule, type Route } from './action-definition';
import { trustInputsOf, type TrustFlag } from './trust-checks';

/**
 * Explainable lead qualification: every rule that matched is listed with its points and tags,
 * so a manager can see exactly why a lead was routed where it was.
 */
/** A single accepted value; actions/field-values.ts decides what is acceptable. */
export type FieldValue = string | number | boolean;
/** Stored leads may hold null for a cleared value; absent and null both mean "not given". */
export type FieldValues = Record<string, FieldValue | null | undefined>;

export interface MatchedRule {
  ruleIndex: number;
  label: string;
  field: string;
  operator: QualificationRule['operator'];
  value?: QualificationRule['value'];
  points: number;
  tags: string[];
  /** The route this rule sends the lead to whatever its score. */
  route?: Route;
}

export interface QualificationResult {
  score: number;
  route: Route;
  tags: string[];
  explanation: {
    matched: MatchedRule[];
    threshold: { minScore: number; route: Route } | null;
    /** The matched rule whose route decided, when one did (the most cautious wins: reject, then review, …). */
    routedBy?: { ruleIndex: number; label: string; route: Route } | null;
    /** The applicant trust checks that fired (absent on leads stored before issue 16). */
    trust?: TrustFlag[];
    /** The tags qualification gave, so hand-added tags can be told apart later. */
    tags: string[];
    summary: string;
  };
}

function isSet(value: FieldValue | null | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

function asNumber(value: FieldValue | null | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function equalsLoose(actual: FieldValue | null | undefined, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  if (typeof expected === 'number') return asNumber(actual) === expected;
  return actual === expected;
}

export function ruleMatches(rule: QualificationRule, actual: FieldValue | null | undefined): boolean {
  const expected = rule.value;
  switch (rule.operator) {
    case 'is_set':
      return isSet(actual);
    case 'is_not_set':
      return !isSet(actual);
    case 'is_true':
      return actual === true;
    case 'is_false':
      return actual === false;
  }
  // Every other operator compares against a value, and a missing answer matches none of them.
  if (!isSet(actual)) return false;
  switch (rule.operator) {
    case 'equals':
      return equalsLoose(actual, expected);
    case 'not_equals':
      return !equalsLoose(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((item) => equalsLoose(actual, item));
    case 'not_in':
      return Array.isArray(expected) && !expected.some((item) => equalsLoose(actual, item));
    case 'contains':
      return typeof expected === 'string' && String(actual).toLowerCase().includes(expected.toLowerCase());
    case 'matches': {
      if (typeof expected !== 'string') return false;
      try {
        return new RegExp(expected, 'i').test(String(actual));
      } catch {
        return false;
      }
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const number = asNumber(actual);
      if (number === null || typeof expected !== 'number') return false;
      if (rule.operator === 'gt') return number > expected;
      if (rule.operator === 'gte') return number >= expected;
      if (rule.operator === 'lt') return number < expected;
      return number <= expected;
    }
    case 'between': {
      const number = asNumber(actual);
      if (number === null || !Array.isArray(expected) || expected.length !== 2) return false;
      const [low, high] = expected as number[];
      return number >= low && number <= high;
    }
  }
  return false;
}

function describeRule(rule: QualificationRule): string {
  if (rule.label) return rule.label;
  const value = rule.value === undefined ? '' : ` ${Array.isArray(rule.value) ? rule.value.join('–') : String(rule.value)}`;
  return `${rule.field} ${rule.operator.replace(/_/g, ' ')}${value}`;
}

/** How cautious a route is: a rule's route overrides the score's only when it is more cautious. */
const caution = (route: Route) => ROUTES.indexOf(route);

/**
 * Scores the answers with the owner's rules. `trust` holds the trust checks that fired; every check
 * becomes a `trust.<check>` yes/no input, so rules can score or route on them like on any answer.
 */
export function qualify(qualification: ActionDefinition['qualification'], values: FieldValues, trust: readonly TrustFlag[] = []): QualificationResult {
  const inputs: FieldValues = { ...values, ...trustInputsOf(trust) };
  const matched: MatchedRule[] = [];
  qualification.rules.forEach((rule, ruleIndex) => {
    if (!ruleMatches(rule, inputs[rule.field])) return;
    matched.push({
      ruleIndex,
      label: describeRule(rule),
      field: rule.field,
      operator: rule.operator,
      ...(rule.value === undefined ? {} : { value: rule.value }),
      points: rule.points,
      tags: rule.tags,
      ...(rule.route ? { route: rule.route } : {}),
    });
  });
  const score = matched.reduce((total, rule) => total + rule.points, 0);
  // The highest threshold the score reaches wins; thresholds have distinct minScores (schema rule).
  const threshold =
    [...qualification.thresholds].sort((a, b) => b.minScore - a.minScore).find((candidate) => score >= candidate.minScore) ?? null;
  const scoreRoute = threshold?.route ?? qualification.defaultRoute;
  const routing = matched
    .filter((rule): rule is MatchedRule & { route: Route } => rule.route !== undefined && caution(rule.route) > caution(scoreRoute))
    .sort((a, b) => caution(b.route) - caution(a.route))[0];
  const route = routing?.route ?? scoreRoute;
  const tags = [...new Set([...matched.flatMap((rule) => rule.tags), ...(threshold?.tags ?? [])])];
  const reasons = matched.length ? matched.map((rule) => `${rule.label} (${rule.points >= 0 ? '+' : ''}${rule.points})`).join(', ') : 'no rule matched';
  const scoreSentence = threshold ? `Reached the ${threshold.route} threshold at ${threshold.minScore}.` : `Below every threshold, so ${scoreRoute}.`;
  const routeSentence = routing ? ` Sent to ${routing.route} by "${routing.label}".` : '';
  const trustSentence = trust.length ? ` Trust checks: ${trust.map((flag) => flag.detail).join('; ')}.` : '';
  const summary = `Score ${score}: ${reasons}. ${scoreSentence}${routeSentence}${trustSentence}`;
  return {
    score,
    route,
    tags,
    explanation: {
      matched,
      threshold: threshold ? { minScore: threshold.minScore, route: threshold.route } : null,
      routedBy: routing ? { ruleIndex: routing.ruleIndex, label: routing.label, route: routing.route } : null,
      trust: [...trust],
      tags,
      summary,
    },
  };
}
