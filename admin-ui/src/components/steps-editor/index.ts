export { StepsEditor } from './component';
export { newStep } from './new-step';
export type { StepsEditorProps, WebhookTestResult } from './types';
