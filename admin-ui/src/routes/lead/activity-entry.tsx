import { __, sprintf } from '@wordpress/i18n';
import type { LeadEvent } from './types';

/** What the activity log says for an event; status changes made in AffiliateWP name who made them. */
export function activityText(event: LeadEvent): string {
  const data = (event.data ?? {}) as { to?: unknown; via?: unknown; by?: unknown };
  if (event.type === 'status-changed' && data.via === 'affiliatewp') {
    const by = typeof data.by === 'string' && data.by ? data.by : __('AffiliateWP', 'affiliate-agent');
    if (data.to === 'approved') return sprintf(/* translators: %s: WordPress user's display name. */ __('Approved in AffiliateWP by %s', 'affiliate-agent'), by);
    return sprintf(/* translators: %s: WordPress user's display name. */ __('Rejected or deactivated in AffiliateWP by %s', 'affiliate-agent'), by);
  }
  return event.type;
}
