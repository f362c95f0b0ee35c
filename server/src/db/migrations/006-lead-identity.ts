import type { Migration } from '../migrate';

/**
 * One lead per submission. The old "one lead per agent and email" unique index let a visitor who
 * typed someone else's email overwrite that person's lead (issue 12, attack 1); a later submission
 * with a known email now becomes its own lead pointing at the earlier one (`duplicate_of`).
 * `manager_request` holds why a lead waits for the manager instead of running on its own (an action
 * touching an existing affiliate from an unverified visitor); `affiliate_id` + `affiliate_link` record
 * which AffiliateWP affiliate this lead may act on, and how it came to (created by it, or linked by a
 * manager) — approve/reject never act on an affiliate merely matched by email.
 */
export const leadIdentitySchema: Migration = {
  id: 6,
  name: 'leads: one lead per submission, duplicates, manager requests, affiliate links',
  sql: `
DROP INDEX leads_agent_email;
CREATE INDEX leads_agent_email ON leads(agent_id, email, created_at) WHERE email IS NOT NULL;
ALTER TABLE leads ADD COLUMN duplicate_of TEXT;
ALTER TABLE leads ADD COLUMN manager_request TEXT;
ALTER TABLE leads ADD COLUMN affiliate_id INTEGER;
ALTER TABLE leads ADD COLUMN affiliate_link TEXT CHECK (affiliate_link IN ('created', 'manager-linked'));
CREATE INDEX leads_duplicate_of ON leads(duplicate_of) WHERE duplicate_of IS NOT NULL;
`,
};
