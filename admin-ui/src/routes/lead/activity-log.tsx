import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { statusLabels } from '../../components/inbox-filters';
import { routeLabels } from '../../lib/definition-labels';
import { activityText } from './activity-entry';
import { getPeople } from './api';
import type { LeadEvent, LeadStatus } from './types';

type Route = keyof ReturnType<typeof routeLabels>;

const statusName = (value: unknown) => (typeof value === 'string' && value in statusLabels() ? statusLabels()[value as LeadStatus] : String(value ?? ''));

/** What happened, in words; an event type this screen does not know yet shows its name. */
function describe(event: LeadEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'lead-created': {
      const route = typeof data.route === 'string' && data.route in routeLabels() ? routeLabels()[data.route as Route] : '';
      return typeof data.score === 'number'
        ? /* translators: 1: score, 2: route such as Priority */ sprintf(__('Lead received through the chat (score %1$d, %2$s)', 'affiliate-agent'), data.score, route)
        : __('Lead received through the chat', 'affiliate-agent');
    }
    case 'status-changed':
      /* translators: 1: earlier status, 2: new status */
      return sprintf(__('Status changed from %1$s to %2$s', 'affiliate-agent'), statusName(data.from), statusName(data.to));
    case 'tags-changed':
      return Array.isArray(data.to) && data.to.length
        ? /* translators: %s: comma-separated tags */ sprintf(__('Tags set to %s', 'affiliate-agent'), data.to.join(', '))
        : __('Tags removed', 'affiliate-agent');
    case 'note-added':
      return __('Note added', 'affiliate-agent');
    case 'affiliate-linked':
      return typeof data.affiliateId === 'number'
        ? /* translators: %d: AffiliateWP affiliate id */ sprintf(__('Linked the lead to AffiliateWP affiliate #%d', 'affiliate-agent'), data.affiliateId)
        : __('Linked the lead to an AffiliateWP affiliate', 'affiliate-agent');
    case 'affiliate-link-needed':
      if (data.reason === 'existing-affiliate') return __('An affiliate with this email existed before this lead; it was left alone for a manager to link', 'affiliate-agent');
      if (data.reason === 'no-account-creation') return __('No WordPress account may be created from the chat; add the affiliate in AffiliateWP, then link it here', 'affiliate-agent');
      return __('A WordPress account with this email exists; only a manager may link it to an affiliate', 'affiliate-agent');
    case 'auto-approved':
      /* translators: %s: the rules the lead met, with their figures ("score 72 ≥ 50; email verified (code)") */
      return sprintf(__('Approved automatically by the auto-approval policy: %s', 'affiliate-agent'), String(data.reason ?? ''));
    case 'auto-approval-skipped':
      /* translators: %s: why the policy did not approve the lead */
      return sprintf(__('Not approved automatically: %s', 'affiliate-agent'), String(data.reason ?? ''));
    case 'auto-approval-undone':
      return __('Auto-approval undone; the affiliate was set inactive', 'affiliate-agent');
    case 'possible-duplicate':
      return __('The same email applied again (possible duplicate)', 'affiliate-agent');
    default:
      return event.type;
  }
}

/** Status changes reported by AffiliateWP name the WordPress user who made them there. */
const isFromAffiliateWp = (event: LeadEvent) => event.type === 'status-changed' && (event.data as { via?: unknown } | null)?.via === 'affiliatewp';

/**
 * Who did what: a user id from the service becomes that user's display name (asked from WordPress,
 * which keeps the names); events without a user were the chat or the system.
 */
export function ActivityLog({ events }: { events: LeadEvent[] }) {
  const ids = [...new Set(events.map((event) => event.actor).filter((actor): actor is number => typeof actor === 'number' && actor > 0))];
  const idsKey = ids.join(',');
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!idsKey) return;
    let isCurrent = true;
    getPeople(idsKey.split(',').map(Number))
      .then((people) => isCurrent && setNames(people))
      .catch(() => undefined); // Without names the log still reads, with "User #id".
    return () => {
      isCurrent = false;
    };
  }, [idsKey]);

  const actorName = (actor: number | null) => {
    if (!actor) return __('Affiliate Agent', 'affiliate-agent');
    /* translators: %d: WordPress user id whose name is unknown (deleted user) */
    return names[String(actor)] ?? sprintf(__('User #%d', 'affiliate-agent'), actor);
  };

  return (
    <ul className="aa-activity">
      {events.map((event) => (
        <li key={event.id}>
          {isFromAffiliateWp(event) ? (
            activityText(event)
          ) : (
            <>
              <strong className="aa-activity__actor">{actorName(event.actor)}</strong> {describe(event)}
            </>
          )}
          <br />
          <span className="aa-muted">{new Date(event.createdAt).toLocaleString(document.documentElement.lang || undefined)}</span>
        </li>
      ))}
    </ul>
  );
}
