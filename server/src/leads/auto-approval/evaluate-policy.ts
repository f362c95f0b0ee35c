import type { Lead } from '../../contract/lead-types';
import type { TrustFlag } from '../../contract/trust-checks';
import type { AutoApprovalPolicy } from './auto-approval-policy';

export interface RuleOutcome {
  rule: 'minScore' | 'verifiedEmail' | 'noTrustFlag' | 'platform';
  passed: boolean;
  /** The figures, for the reason stored on the lead ("score 72 ≥ 50"). */
  detail: string;
}

/** Every rule the policy turns on, checked against one new lead; pure, so the reason is reproducible. */
export function evaluatePolicy(policy: AutoApprovalPolicy, lead: Lead, flags: readonly TrustFlag[]): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [
    { rule: 'minScore', passed: lead.score >= policy.minScore, detail: `score ${lead.score} ${lead.score >= policy.minScore ? '≥' : '<'} ${policy.minScore}` },
  ];
  if (policy.requireVerifiedEmail) {
    outcomes.push({ rule: 'verifiedEmail', passed: lead.emailVerification !== null, detail: lead.emailVerification ? `email verified (${lead.emailVerification})` : 'email not verified' });
  }
  if (policy.requireNoTrustFlag) {
    outcomes.push({ rule: 'noTrustFlag', passed: flags.length === 0, detail: flags.length ? `trust flags: ${flags.map((flag) => flag.check).join(', ')}` : 'no trust flag' });
  }
  if (policy.allowedPlatforms.length) {
    const platform = lead.fields.platform;
    const value = platform === undefined ? null : String(platform);
    const passed = value !== null && policy.allowedPlatforms.includes(value);
    outcomes.push({ rule: 'platform', passed, detail: `platform ${value ?? '(none)'} ${passed ? 'in' : 'not in'} ${policy.allowedPlatforms.join(', ')}` });
  }
  return outcomes;
}
