/** What the Funnel screen reads: `GET /v1/funnel` (docs/admin-api.md, "Recruitment funnel"). */
export const FUNNEL_GROUP_BY = ['page', 'utm_source', 'action_version'] as const;
export type FunnelGroupBy = (typeof FUNNEL_GROUP_BY)[number];

export interface FunnelFieldStep {
  actionKey: string;
  fieldKey: string;
  label: string;
  /** Conversations that answered this field. */
  reached: number;
  /** Reached the step before (the previous field, or "application started") but not this field. */
  dropOff: number;
}

export interface FunnelCounts {
  conversations: number;
  applicationStarted: number;
  fields: FunnelFieldStep[];
  submitted: number;
  approved: number;
}

/** One split of the funnel; `key` is null for conversations without that fact (no UTM source, no page). */
export interface FunnelGroup extends FunnelCounts {
  key: string | null;
}

export interface FunnelReport {
  agentId: string;
  from: string;
  to: string;
  groupBy: FunnelGroupBy | null;
  total: FunnelCounts;
  groups: FunnelGroup[];
  /** First referral per affiliate: only when AffiliateWP's referral counts are reachable; never estimated. */
  firstReferral: { available: false; reason: string };
}
