import type { ActionDefinition, ActionStep } from '../actions/action-definition';
import type { QualificationResult, FieldValue } from '../leads/qualification';
import type { ConversationSource } from '../conversations/conversation-types';
import { renderTemplate } from './render-template';

/**
 * The playground's dry run: what each step of an action would send, with its full payload, and
 * whether its condition holds. Nothing here performs I/O.
 */
export function stepApplies(step: ActionStep, qualification: QualificationResult): boolean {
  const when = step.when;
  if (!when) return true;
  if (when.routes && !when.routes.includes(qualification.route)) return false;
  if (when.minScore !== undefined && qualification.score < when.minScore) return false;
  if (when.maxScore !== undefined && qualification.score > when.maxScore) return false;
  if (when.tagsAny && !when.tagsAny.some((tag) => qualification.tags.includes(tag))) return false;
  return true;
}

export interface WouldSend {
  stepId: string;
  type: ActionStep['type'];
  label: string | null;
  applies: boolean;
  payload: Record<string, unknown>;
}

function text(values: Record<string, FieldValue>, key: string): string | null {
  const value = values[key];
  return value === undefined || value === null ? null : String(value);
}

export function previewSteps(input: {
  definition: ActionDefinition;
  values: Record<string, FieldValue>;
  qualification: QualificationResult;
  source: ConversationSource;
  transcript: Array<{ role: string; content: string }>;
}): WouldSend[] {
  const { definition, values, qualification } = input;
  const merge = { ...values, score: qualification.score, route: qualification.route, tags: qualification.tags.join(', ') };
  const email = text(values, 'email');
  const name = text(values, 'name');
  return definition.steps.map((step): WouldSend => {
    const base = { stepId: step.id, type: step.type, label: step.label ?? null, applies: stepApplies(step, qualification) };
    switch (step.type) {
      case 'affiliatewp_application':
        return {
          ...base,
          payload: {
            operation: 'affiliatewp/create-pending',
            body: { email, name, website_url: text(values, 'website') ?? undefined, notes: step.config.notes ? renderTemplate(step.config.notes, merge) : undefined },
          },
        };
      case 'webhook':
        return {
          ...base,
          payload: {
            method: 'POST',
            url: step.config.url,
            headers: step.config.headers.map((header) => ({ name: header.name, value: header.value ? '[set]' : '' })),
            body: {
              event: 'lead.created',
              action: definition.key,
              lead: { fields: values, score: qualification.score, route: qualification.route, tags: qualification.tags, source: input.source },
              ...(step.config.includeTranscript ? { transcript: input.transcript } : {}),
            },
          },
        };
      case 'email':
        return {
          ...base,
          payload: {
            operation: 'mail/send',
            body: {
              to: step.config.to === 'applicant' ? email : step.config.to,
              subject: renderTemplate(step.config.subject, merge),
              text: renderTemplate(step.config.body, merge),
            },
          },
        };
      case 'notify_manager':
        return {
          ...base,
          payload: {
            recipients: step.config.recipients,
            subject: `New ${definition.name}: ${name ?? email ?? 'visitor'} (${qualification.route}, score ${qualification.score})`,
            summary: qualification.explanation.summary,
          },
        };
      case 'reply':
        return { ...base, payload: { message: renderTemplate(step.config.message, merge) } };
    }
  });
}
