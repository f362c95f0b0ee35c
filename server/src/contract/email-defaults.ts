/**
 * The applicant emails as they go out until the owner edits them (Affiliate Agent → Settings → Emails).
 * Declared once for the service that sends them and the admin screen that shows and previews them.
 */
/** Sent after a manager rejects an application, unless switched off in Settings (emails.rejectionEnabled). */
export const DEFAULT_REJECTION_TEMPLATE = {
  subject: 'About your affiliate application, {{name}}',
  body: 'Hi {{name}},\n\nthank you for applying to our affiliate program. We have looked at your application carefully and cannot accept it at this time.\n\nYou are welcome to apply again later.',
};

export const DEFAULT_WELCOME_TEMPLATE = {
  subject: 'Welcome to our affiliate program, {{name}}',
  body: 'Hi {{name}},\n\ngood news: your affiliate application was approved.\n\nYour referral link is:\n{{referral_url}}\n\nShare it with your audience; every sale it brings in is credited to you.',
};

/** Merge tags every applicant email understands; any field key of the action works too. */
export const APPLICANT_MERGE_TAGS = ['name', 'email', 'score', 'route', 'lead_id'] as const;

const TAG = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/gi;

/** Replaces {{tag}} with its value ('' when unknown); the service's sender and the screen's preview share it. */
export function mergeText(template: string, values: Record<string, string | number | boolean | null | undefined>): string {
  return template.replace(TAG, (_match, key: string) => {
    const value = values[key.toLowerCase()];
    return value === undefined || value === null ? '' : String(value);
  });
}
