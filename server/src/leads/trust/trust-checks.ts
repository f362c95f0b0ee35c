import type { TrustFlag } from '../../contract/trust-checks';
import { disposableDomainOf } from './disposable-email';
import type { LeadSignalKind, LeadSignalRepository } from './lead-signal-repository';
import type { TrustSettings } from './trust-settings';
import { hostOf, isSameSite, websiteKey } from './website-key';

export interface TrustCheckInput {
  agentId: string;
  email: string | null;
  /** The answers of the action's url fields. */
  websites: string[];
  visitorId: string | null;
  /** The first earlier lead with this email, found by the lead service. */
  earlierLeadWithEmail: string | null;
  now: string;
}

export interface TrustCheckResult {
  flags: TrustFlag[];
  /** What to remember of this lead for the next submissions' checks. */
  signals: Array<{ kind: LeadSignalKind; value: string }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs the applicant trust checks before a lead is stored, so the lead never compares with itself.
 * Everything compared is the applicant's own answer; nothing here contacts the outside world.
 */
export function createTrustChecks({
  signals,
  siteUrl,
  settings,
}: {
  signals: Pick<LeadSignalRepository, 'leadsWith' | 'countSince'>;
  /** The paired WordPress site (Settings → wordpress.siteUrl), read per submission. */
  siteUrl: () => string | undefined;
  settings: () => TrustSettings;
}) {
  return {
    run(input: TrustCheckInput): TrustCheckResult {
      const flags: TrustFlag[] = [];
      const remembered: TrustCheckResult['signals'] = [];

      const disposable = input.email ? disposableDomainOf(input.email) : null;
      if (disposable) flags.push({ check: 'disposable_email', detail: `${disposable} is a disposable email domain` });

      const websiteKeys = [...new Set(input.websites.map(websiteKey).filter((key): key is string => key !== null))];
      websiteKeys.forEach((value) => remembered.push({ kind: 'website', value }));
      if (input.visitorId) remembered.push({ kind: 'visitor', value: input.visitorId });

      const duplicateReasons: string[] = [];
      const related = new Set<string>();
      if (input.earlierLeadWithEmail) {
        duplicateReasons.push('the same email');
        related.add(input.earlierLeadWithEmail);
      }
      for (const value of websiteKeys) {
        const earlier = signals.leadsWith(input.agentId, 'website', value);
        if (earlier.length) {
          duplicateReasons.push(`the same website (${value})`);
          earlier.forEach((id) => related.add(id));
        }
      }
      if (input.visitorId) {
        const earlier = signals.leadsWith(input.agentId, 'visitor', input.visitorId);
        if (earlier.length) {
          duplicateReasons.push('the same visitor');
          earlier.forEach((id) => related.add(id));
        }
      }
      if (duplicateReasons.length) {
        flags.push({ check: 'duplicate_applicant', detail: `an earlier application has ${duplicateReasons.join(', ')}`, relatedLeadIds: [...related] });
      }

      if (input.visitorId) {
        const { repeatClientPerDay } = settings();
        const since = new Date(Date.parse(input.now) - DAY_MS).toISOString();
        const today = signals.countSince(input.agentId, 'visitor', input.visitorId, since) + 1;
        if (today >= repeatClientPerDay) {
          flags.push({ check: 'repeat_client', detail: `application ${today} from this visitor within 24 hours (flagged from ${repeatClientPerDay})` });
        }
      }

      const site = siteUrl();
      const siteHost = site ? hostOf(site) : null;
      const ownSite = siteHost ? input.websites.find((website) => {
        const host = hostOf(website);
        return host !== null && isSameSite(host, siteHost);
      }) : undefined;
      if (ownSite && siteHost) flags.push({ check: 'own_domain_website', detail: `the website ${hostOf(ownSite)} is on the shop's own domain ${siteHost}` });

      return { flags, signals: remembered };
    },
  };
}
export type TrustChecks = ReturnType<typeof createTrustChecks>;
