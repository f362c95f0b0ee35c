import type { ActionDefinition, ActionStep } from '../contract/action-definition';
import type { DeliverySettings } from '../connectors/delivery-settings';
import type { Lead } from '../contract/lead-types';
import { buildLeadPayload, type TranscriptMessage } from '../outbox/lead-payload';
import { evaluateCondition } from '../outbox/step-conditions';
import { managerNotificationOf, pendingApplicationOf, stepEmailOf } from '../outbox/step-payloads';
import { renderTemplate } from './render-template';

/**
 * The playground's dry run: what each step of an action would send for this lead, built by the
 * same functions the outbox worker sends with, and whether its condition holds. No I/O here.
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
  const { definition, lead, settings } = input;
  return definition.steps.map((step): WouldSend => {
    const condition = evaluateCondition(step.when, lead);
    const base = { stepId: step.id, type: step.type, label: step.label ?? null, applies: condition.met, ...(condition.met ? {} : { skipReason: condition.reason }) };
    switch (step.type) {
      case 'affiliatewp_application':
        return {
          ...base,
          payload: lead.email
            ? { operation: 'create pending affiliate', transport: settings.affiliatewp.transport, application: pendingApplicationOf({ ...lead, email: lead.email }, step.config) }
            : { error: 'The lead has no email address, which AffiliateWP needs.' },
        };
      case 'webhook':
        return {
          ...base,
          payload: {
            method: 'POST',
            url: step.config.url,
            // Header values are often credentials: show that they are set, never what they are.
            headers: step.config.headers.map((header) => ({ name: header.name, value: header.value ? '[set]' : '' })),
            body: buildLeadPayload(lead, { trigger: 'lead-created', timestamp: input.now, transcript: step.config.includeTranscript ? input.transcript : null }),
          },
        };
      case 'email': {
        const { to, email } = stepEmailOf(lead, step.config, settings);
        return { ...base, payload: { to, subject: email.subject, text: email.text } };
      }
      case 'notify_manager': {
        const { recipients, email } = managerNotificationOf(lead, step.config, settings, 'lead-created');
        return { ...base, payload: { to: recipients, subject: email.subject, text: email.text } };
      }
      case 'reply':
        return { ...base, payload: { message: renderTemplate(step.config.message, { ...lead.fields, score: lead.score, route: lead.route }) } };
    }
  });
}
