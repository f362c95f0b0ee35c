/**
 * The service's contract types (server/src/contract), imported type-only so the admin app edits
 * exactly what the service validates (one schema for API and UI) without bundling zod into wp-admin.
 */
export type {
  ActionDefinition,
  ActionField,
  ActionStep,
  FieldType,
  QualificationRule,
  Route,
  RuleOperator,
  StepCondition,
  StepType,
  Threshold,
} from '../../../server/src/contract/action-definition';
export type { TrustCheck, TrustFlag, TrustInput } from '../../../server/src/contract/trust-checks';
export type { Agent, AgentInput } from '../../../server/src/contract/agent-types';
export type { FieldValue, FieldValues, MatchedRule, QualificationResult } from '../../../server/src/contract/qualification';
export type { ConsentRecord, Lead, LeadEvent, LeadNote, LeadSource, LeadStatus } from '../../../server/src/contract/lead-types';
export type { LeadFilters as ServiceLeadFilters } from '../../../server/src/contract/lead-filters';
export type { ActionView } from '../../../server/src/contract/action-views';
export type { ActionVersion } from '../../../server/src/contract/action-views';
