import { actionDefinitionSchema, type ActionDefinition } from '../../contract/action-definition';
import { affiliateApplicationTemplate } from './affiliate-application';
import { payoutPreferenceTemplate } from './payout-preference';

/** Built-in templates an owner can start an action from. */
export const ACTION_TEMPLATES: Record<string, ActionDefinition> = {
  'affiliate-application': actionDefinitionSchema.parse(affiliateApplicationTemplate),
  'payout-preference': actionDefinitionSchema.parse(payoutPreferenceTemplate),
};
