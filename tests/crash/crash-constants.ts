/** Shared by the crash test and the child process it kills. */
export const CRASH_SECRET = 'crash-test-shared-secret-0123456789abcdef';
export const CRASH_WEBHOOK_SECRET = `whsec_${Buffer.from('crash-test-webhook-signing-key!!').toString('base64')}`;
export const CRASH_WEBHOOK_STEPS = ['crm', 'crm_followup', 'automation'] as const;
