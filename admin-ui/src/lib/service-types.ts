/**
 * The service's own types, imported type-only so the admin app edits exactly what the service
 * validates (one schema for API and UI) without bundling zod into wp-admin.
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
} from '../../../server/src/actions/action-definition';
export type { Agent, AgentInput } from '../../../server/src/agents/agent-types';
export type { FieldValue, FieldValues, MatchedRule, QualificationResult } from '../../../server/src/actions/qualification';
export type { ConsentRecord, Lead, LeadEvent, LeadNote, LeadSource, LeadStatus } from '../../../server/src/leads/lead-types';
export type { LeadFilters as ServiceLeadFilters } from '../../../server/src/leads/lead-repository';
export type { ActionView } from '../../../server/src/actions/action-service';
export type { ActionVersion } from '../../../server/src/actions/action-repository';
