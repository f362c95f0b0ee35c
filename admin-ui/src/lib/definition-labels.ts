import { __ } from '@wordpress/i18n';
import type { FieldType, Route, RuleOperator, StepType, TrustCheck } from './service-types';

/*
 * The schema's enumerations with human labels. Typed as Record<…> so adding a value to the service's
 * schema fails the type check here until the builder offers it too.
 */
export const fieldTypeLabels = (): Record<FieldType, string> => ({
  text: __('Text', 'affiliate-agent'),
  email: __('Email', 'affiliate-agent'),
  url: __('Link (URL)', 'affiliate-agent'),
  number: __('Number', 'affiliate-agent'),
  phone: __('Phone', 'affiliate-agent'),
  enum: __('Choice', 'affiliate-agent'),
  boolean: __('Yes / no', 'affiliate-agent'),
  consent: __('Consent', 'affiliate-agent'),
});

export const routeLabels = (): Record<Route, string> => ({
  priority: __('Priority', 'affiliate-agent'),
  standard: __('Standard', 'affiliate-agent'),
  review: __('Needs review', 'affiliate-agent'),
  reject: __('Reject', 'affiliate-agent'),
});

export const operatorLabels = (): Record<RuleOperator, string> => ({
  equals: __('equals', 'affiliate-agent'),
  not_equals: __('does not equal', 'affiliate-agent'),
  in: __('is one of', 'affiliate-agent'),
  not_in: __('is none of', 'affiliate-agent'),
  contains: __('contains', 'affiliate-agent'),
  gt: __('is greater than', 'affiliate-agent'),
  gte: __('is at least', 'affiliate-agent'),
  lt: __('is less than', 'affiliate-agent'),
  lte: __('is at most', 'affiliate-agent'),
  between: __('is between', 'affiliate-agent'),
  is_true: __('is yes', 'affiliate-agent'),
  is_false: __('is no', 'affiliate-agent'),
  is_set: __('is answered', 'affiliate-agent'),
  is_not_set: __('is not answered', 'affiliate-agent'),
  matches: __('matches pattern', 'affiliate-agent'),
});

export const stepTypeLabels = (): Record<StepType, string> => ({
  affiliatewp_application: __('Create AffiliateWP application (pending)', 'affiliate-agent'),
  webhook: __('Send to a webhook (CRM, Zapier, Make, n8n…)', 'affiliate-agent'),
  email: __('Send an email', 'affiliate-agent'),
  notify_manager: __('Notify the affiliate manager', 'affiliate-agent'),
  reply: __('Reply to the visitor', 'affiliate-agent'),
});

/** The applicant trust checks, as the rules editor offers them (rule field `trust.<check>`) and the lead screen shows them. */
export const trustCheckLabels = (): Record<TrustCheck, string> => ({
  disposable_email: __('Disposable email address', 'affiliate-agent'),
  duplicate_applicant: __('Applied before (same email, website or visitor)', 'affiliate-agent'),
  repeat_client: __('Many applications from one visitor in a day', 'affiliate-agent'),
  own_domain_website: __('Website on the shop’s own domain', 'affiliate-agent'),
});

export const VALUELESS_OPERATORS: RuleOperator[] = ['is_true', 'is_false', 'is_set', 'is_not_set'];

export const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as Array<[T, string]>).map(([value, label]) => ({ value, label }));
