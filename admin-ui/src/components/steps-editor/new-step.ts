import type { ActionStep, StepType } from '../../lib/service-types';

export function newStep(type: StepType, steps: ActionStep[]): ActionStep {
  const taken = new Set(steps.map((step) => step.id));
  let id: string = type;
  for (let suffix = 2; taken.has(id); suffix++) id = `${type}_${suffix}`;
  const base = { id, dependsOn: [] as string[] };
  switch (type) {
    case 'affiliatewp_application':
      return { ...base, type, config: {} };
    case 'webhook':
      return { ...base, type, config: { url: 'https://', headers: [], includeTranscript: true } };
    case 'email':
      return { ...base, type, config: { to: 'applicant', subject: 'Thanks for applying, {{name}}', body: 'Hi {{name}},\n\nthanks for your application. We will get back to you soon.' } };
    case 'notify_manager':
      return { ...base, type, config: { recipients: [] } };
    case 'reply':
      return { ...base, type, config: { message: 'Thanks {{name}}! We will be in touch.' } };
  }
}

export function mergeTags(fieldKeys: string[]): string[] {
  return [...fieldKeys, 'score', 'route', 'tags', 'lead_url', 'referral_url', 'site_name'].map((key) => `{{${key}}}`);
}
