/**
 * Applicant trust checks (issue 16). The service runs each check when a lead is submitted; a check that
 * fires becomes a flag on the lead (explained in its score explanation) and a yes/no rule input the
 * owner's qualification rules can give points, tags or a route to, as `trust.<check>`.
 */
export const TRUST_CHECKS = ['disposable_email', 'duplicate_applicant', 'repeat_client', 'own_domain_website'] as const;
export type TrustCheck = (typeof TRUST_CHECKS)[number];

export const TRUST_INPUT_PREFIX = 'trust.';
export type TrustInput = `trust.${TrustCheck}`;
export const TRUST_INPUTS = TRUST_CHECKS.map((check) => `${TRUST_INPUT_PREFIX}${check}` as TrustInput);

/** Trust inputs are yes/no, so a rule on one tests whether the check fired or not. */
export const TRUST_INPUT_OPERATORS = ['is_true', 'is_false'] as const;

export function isTrustInput(field: string): field is TrustInput {
  return (TRUST_INPUTS as string[]).includes(field);
}

export interface TrustFlag {
  check: TrustCheck;
  /** One line for the manager, in English like the rest of the explanation ("mailinator.com is a disposable email domain"). */
  detail: string;
  /** Leads this one resembles, for duplicate_applicant and repeat_client. */
  relatedLeadIds?: string[];
}

/** The rule inputs a set of flags gives: every check is answered, true when it fired. */
export function trustInputsOf(flags: readonly TrustFlag[]): Record<TrustInput, boolean> {
  const fired = new Set(flags.map((flag) => flag.check));
  return Object.fromEntries(TRUST_CHECKS.map((check) => [`${TRUST_INPUT_PREFIX}${check}`, fired.has(check)])) as Record<TrustInput, boolean>;
}
