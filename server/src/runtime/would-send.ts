import type { ActionDefinition, ActionStep } from '../contract/action-definition';
import type { DeliverySettings } from '../connectors/delivery-settings';
import type { Lead } from '../contract/lead-types';
import type { TranscriptMessage } from '../outbox/lead-payload';
import { evaluateCondition } from '../outbox/step-conditions';
import { stepHandlerOf, type StepHandler } from '../outbox/steps';

/**
 * The playground's dry run: what each step of an action would send for this lead, built by the
 * step type's own preview (outbox/steps/<type>.ts, next to the code the worker sends with), and
 * whether its condition holds. No I/O here.
 */
export interface WouldSend {
  stepId: string;
  type: ActionStep['type'];
  label: string | null;
  applies: boolean;
  skipReason?: string;
  payload: Record<string, unknown>;
}

export function previewSteps(input: {
  definition: ActionDefinition;
  lead: Lead;
  settings: DeliverySettings;
  transcript: TranscriptMessage[];
  now: string;
}): WouldSend[] {
  const { definition, lead } = input;
  return definition.steps.map((step): WouldSend => {
    const condition = evaluateCondition(step.when, lead);
    const base = { stepId: step.id, type: step.type, label: step.label ?? null, applies: condition.met, ...(condition.met ? {} : { skipReason: condition.reason }) };
    // The step's type and config were validated together, so this handler's preview takes this config.
    const handler = stepHandlerOf(step.type) as StepHandler<ActionStep['type']> | null;
    const payload = handler?.preview?.(step.config as never, { ...input, fields: definition.fields }) ?? { error: `No preview for step type '${step.type}'.` };
    return { ...base, payload };
  });
}
