import type { Migration } from '../migrate';

/**
 * Two-way AffiliateWP status (issue 16): a status change reported for an affiliate must find the
 * lead that owns it without scanning every outbox job. Partial indexes: only succeeded AffiliateWP
 * jobs carry an owned affiliate id, and only linked leads have one.
 */
export const affiliateOwnersSchema: Migration = {
  id: 10,
  name: 'indexes: the lead that owns an AffiliateWP affiliate',
  sql: `
CREATE INDEX outbox_jobs_affiliate ON outbox_jobs(json_extract(result, '$.affiliateId'))
  WHERE status = 'succeeded' AND step_type IN ('affiliatewp_application', 'affiliatewp_set_status');
CREATE INDEX leads_affiliate ON leads(affiliate_id) WHERE affiliate_id IS NOT NULL;
`,
};
