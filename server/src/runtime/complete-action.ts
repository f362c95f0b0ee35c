import { safeHttpUrl } from '../contract/safe-url';
import type { RunnableAction } from '../actions/action-service';
import type { TurnEvent } from './turn-events';
import type { TurnConversation } from './turn-state';
import type { EmailVerificationMethod, LeadSource } from '../contract/lead-types';
import type { FieldValue } from '../actions/field-values';
import { buildNewLead } from '../leads/lead-service';
import type { DeliverySettings } from '../connectors/delivery-settings';
import { renderTemplate } from '../actions/render-template';
import { previewSteps } from './would-send';

/**
 * Executing a confirmed action, for both engines. Visitor conversations store the lead (the lead
 * service schedules its steps in the same transaction); the playground only reports what would happen.
 */
export interface LeadSubmitter {
  submit(submission: {
    agentId: string;
    actionId: string | null;
    actionKey: string;
    actionVersion: number;
    definition: RunnableAction['definition'];
    values: Record<string, FieldValue>;
    conversationId?: string | null;
    visitorId?: string | null;
    clientKey?: string | null;
    source?: LeadSource;
    emailVerification?: { method: EmailVerificationMethod; verifiedAt: string } | null;
  }): { lead: { id: string }; created: boolean };
  findByConversation(conversationId: string, actionKey: string): { id: string } | null;
}

export interface CompletedAction {
  leadId: string | null;
  reply: string;
  duplicate: boolean;
  trace: TurnEvent[];
}

export function leadSourceOf(conversation: TurnConversation): LeadSource {
  // Sources stored before visitor URLs were checked at the boundary are filtered here too.
  const url = safeHttpUrl(conversation.source.url);
  const referrer = safeHttpUrl(conversation.source.referrer);
  const { utm } = conversation.source;
  return {
    ...(url ? { pageUrl: url } : {}),
    ...(referrer ? { referrer } : {}),
    ...(utm && Object.keys(utm).length ? { utm } : {}),
  };
}

export function completeAction(input: {
  conversation: TurnConversation;
  action: RunnableAction;
  values: Record<string, FieldValue>;
  leads: LeadSubmitter;
  transcript: () => Array<{ role: string; content: string }>;
  deliverySettings: () => DeliverySettings;
  /** How the visitor proved the email (email verification); null or absent: unverified. */
  emailVerification?: { method: EmailVerificationMethod; verifiedAt: string } | null;
}): CompletedAction {
  const { conversation, action, values } = input;
  const definition = action.definition;
  const reply = renderTemplate(definition.completionMessage, values);

  if (conversation.mode === 'playground') {
    const now = new Date().toISOString();
    const lead = buildNewLead(
      { agentId: conversation.agentId, actionId: action.actionId, actionKey: definition.key, actionVersion: action.version, definition, values, conversationId: conversation.id, source: leadSourceOf(conversation), emailVerification: input.emailVerification ?? null },
      now,
      'lead_playground',
    );
    const transcript = input.transcript().map((message) => ({ ...message, createdAt: now }));
    const trace: TurnEvent[] = [
      { type: 'trace', data: { kind: 'score', score: lead.score, route: lead.route, tags: lead.tags, explanation: lead.scoreExplanation } },
      ...previewSteps({ definition, lead, settings: input.deliverySettings(), transcript, now }).map(
        (step): TurnEvent => ({ type: 'trace', data: { kind: 'would-send', ...step } }),
      ),
    ];
    return { leadId: null, reply, duplicate: false, trace };
  }

  // The same action twice in one conversation answers with the first lead instead of a second one.
  const existing = input.leads.findByConversation(conversation.id, definition.key);
  if (existing) {
    return { leadId: existing.id, reply: `You have already submitted this in our conversation, so there is nothing more to do. ${reply}`, duplicate: true, trace: [] };
  }
  const { lead } = input.leads.submit({
    agentId: conversation.agentId,
    actionId: action.actionId,
    actionKey: definition.key,
    actionVersion: action.version,
    definition,
    values,
    conversationId: conversation.id,
    visitorId: conversation.visitorId ?? null,
    clientKey: conversation.source.clientKey ?? null,
    source: leadSourceOf(conversation),
    emailVerification: input.emailVerification ?? null,
  });
  return { leadId: lead.id, reply, duplicate: false, trace: [] };
}
