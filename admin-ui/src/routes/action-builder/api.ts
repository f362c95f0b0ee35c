import { serviceRequest } from '../../lib/api-client';
import type { ActionStep, FieldValues, QualificationResult } from '../../lib/service-types';
import type { WebhookTestResult } from '../../components/steps-editor';
import type { ActionDefinition, ActionVersion, ActionView } from './types';

export const getAction = async (id: string) => (await serviceRequest<{ action: ActionView }>(`actions/${encodeURIComponent(id)}`)).action;

export const saveDraft = async (id: string, definition: ActionDefinition) =>
  (await serviceRequest<{ action: ActionView }>(`actions/${encodeURIComponent(id)}/draft`, { method: 'PUT', data: { definition } })).action;

export const publishAction = async (id: string) => (await serviceRequest<{ action: ActionView }>(`actions/${encodeURIComponent(id)}/publish`, { method: 'POST' })).action;

export const listVersions = async (id: string) => (await serviceRequest<{ versions: ActionVersion[] }>(`actions/${encodeURIComponent(id)}/versions`)).versions;

export const restoreVersion = async (id: string, version: number) =>
  (await serviceRequest<{ action: ActionView }>(`actions/${encodeURIComponent(id)}/versions/${version}/restore`, { method: 'POST' })).action;

export const deleteAction = (id: string) => serviceRequest<void>(`actions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const previewScore = async (definition: ActionDefinition, answers: FieldValues) =>
  (await serviceRequest<{ result: QualificationResult }>('actions/preview-score', { method: 'POST', data: { definition, answers } })).result;

/** The outbox's test send: one signed sample delivery to the step's URL, never to a real lead. */
export async function testWebhook(step: Extract<ActionStep, { type: 'webhook' }>, actionId?: string): Promise<WebhookTestResult> {
  return serviceRequest<WebhookTestResult>('actions/test-webhook', {
    method: 'POST',
    // Header values come back masked from the service; the action and step ids let it use the stored ones.
    data: { url: step.config.url, headers: step.config.headers, includeTranscript: step.config.includeTranscript, ...(actionId ? { actionId, stepId: step.id } : {}) },
  });
}
