import { ACTION_TEMPLATES } from '../../src/actions/templates';
import type { Lead } from '../../src/contract/lead-types';
import { renderManagerNotification } from '../../src/outbox/manager-notification';

const application = ACTION_TEMPLATES['affiliate-application'];

const lead: Lead = {
  id: 'lead_1',
  agentId: 'agt_1',
  actionId: 'act_1',
  actionKey: application.key,
  actionVersion: 1,
  conversationId: null,
  email: 'ana@example.com',
  name: 'Ana',
  fields: { name: 'Ana', email: 'ana@example.com', platform: 'youtube', audience_size: 250000, traffic_source: 'organic_social', consent: true, retired_field: 'kept' },
  score: 65,
  scoreExplanation: { summary: 'Score 65', matched: [], unmatched: [] } as unknown as Lead['scoreExplanation'],
  tags: [],
  route: 'priority',
  status: 'new',
  source: {},
  consents: [],
  submissions: 1,
  duplicateOf: null,
  managerRequest: null,
  affiliateId: null,
  affiliateLink: null,
  emailVerification: null,
  emailVerifiedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe("the manager's new-lead email", () => {
  it('names each answer by its label, shows option labels and yes/no, and groups numbers in the site language', () => {
    const email = renderManagerNotification(lead, { siteUrl: 'https://shop.example', trigger: 'lead-created', fields: application.fields, locale: 'de-DE' });
    expect(email.text).toContain('Main platform: YouTube');
    expect(email.text).toContain('Audience size: 250.000');
    expect(email.text).toContain('Traffic source: Organic social content');
    expect(email.text).toContain('Consent: Agreed');
    // A key the action no longer has is still shown, under its key, so nothing the visitor said is hidden.
    expect(email.text).toContain('retired_field: kept');
    expect(email.text).not.toMatch(/audience_size|organic_social|: true/);
    expect(email.html).toContain('<th align="left" style="padding:2px 12px 2px 0">Traffic source</th><td>Organic social content</td>');
  });

  it('falls back to the stored keys when the action is gone', () => {
    const email = renderManagerNotification(lead, { trigger: 'lead-created', locale: 'en-US' });
    expect(email.text).toContain('audience_size: 250,000');
  });
});
