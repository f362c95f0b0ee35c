import type { FieldIssue } from '../../lib/field-issues';
import type { ActionField, ActionStep } from '../../lib/service-types';
import type { WebhookTestResult } from '../../../../server/src/contract/webhook-test';

export type { WebhookTestResult } from '../../../../server/src/contract/webhook-test';

export interface StepsEditorProps {
  steps: ActionStep[];
  fields: ActionField[];
  onChange: (steps: ActionStep[]) => void;
  /** Sends a sample lead to the webhook step once, through the service (SSRF guard and signing included). */
  onTestWebhook: (step: Extract<ActionStep, { type: 'webhook' }>) => Promise<WebhookTestResult>;
  /** The service's issues under `steps`. */
  issues?: FieldIssue[];
}
