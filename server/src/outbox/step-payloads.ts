import { renderEmail, type MergeValues, type RenderedEmail } from '../connectors/email-templates';
import type { DeliverySettings } from '../connectors/delivery-settings';
import type { PendingApplication } from '../connectors/affiliatewp-types';
import type { Lead } from '../contract/lead-types';
import { leadAdminUrl, renderManagerNotification } from './manager-notification';

/**
 * What each step sends, built from the lead alone. The worker sends exactly this, and the playground
 * shows exactly this as "would send", so the two cannot drift apart.
 */
export function mergeValuesOf(lead: Lead, extra: MergeValues = {}): MergeValues {
  const values: MergeValues = {};
  for (const [key, value] of Object.entries(lead.fields)) values[key] = value;
  return { ...values, name: lead.name ?? values.name ?? '', email: lead.email ?? values.email ?? '', score: lead.score, route: lead.route, lead_id: lead.id, ...extra };
}

export function pendingApplicationOf(lead: Lead & { email: string }, config: { notes?: unknown }): PendingApplication {
  const website = typeof lead.fields.website === 'string' && /^https?:\/\//.test(lead.fields.website) ? lead.fields.website : undefined;
  const notes = [typeof config.notes === 'string' ? config.notes : '', `Applied through the Affiliate Agent chat. Score ${lead.score} (${lead.route}).`].filter(Boolean).join('\n');
  return { email: lead.email, name: lead.name ?? lead.email, websiteUrl: website, notes };
}

export function stepEmailOf(lead: Lead, config: { to?: unknown; subject?: unknown; body?: unknown }, settings: DeliverySettings): { to: string | null; email: RenderedEmail } {
  const to = config.to === 'applicant' ? lead.email : typeof config.to === 'string' ? config.to : null;
  const email = renderEmail(
    { subject: String(config.subject ?? ''), body: String(config.body ?? '') },
    mergeValuesOf(lead, { lead_url: leadAdminUrl(settings.wordpress.siteUrl, lead.id) }),
  );
  return { to, email };
}

export function managerNotificationOf(lead: Lead, config: { recipients?: unknown }, settings: DeliverySettings, trigger: string): { recipients: string[]; email: RenderedEmail } {
  const own = Array.isArray(config.recipients) ? (config.recipients as string[]) : [];
  return {
    recipients: own.length ? own : settings.notifications.recipients,
    email: renderManagerNotification(lead, { siteUrl: settings.wordpress.siteUrl, trigger }),
  };
}
