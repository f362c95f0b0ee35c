import type { MergeValues } from '../../connectors/email-templates';
import type { Lead } from '../../contract/lead-types';

/** The merge tags every email step offers: the lead's fields, then name, email, score, route, lead id. */
export function mergeValuesOf(lead: Lead, extra: MergeValues = {}): MergeValues {
  const values: MergeValues = {};
  for (const [key, value] of Object.entries(lead.fields)) values[key] = value;
  return { ...values, name: lead.name ?? values.name ?? '', email: lead.email ?? values.email ?? '', score: lead.score, route: lead.route, lead_id: lead.id, ...extra };
}
