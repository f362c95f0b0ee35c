import type { TestService } from '../../../tests/support/signed-client';
import { MANAGER_CAPABILITIES } from '../../../tests/support/signed-client';
import { Visitor, answerAction, eventsOf, setUpAgent, startChatService, visitorToken } from '../conversations/support/chat-client';
import { disposableDomainOf } from '../../src/leads/trust/disposable-email';
import { websiteKey } from '../../src/leads/trust/website-key';
import { affiliateApplicationTemplate } from '../../src/actions/templates/affiliate-application';

/**
 * Issue 16, applicant trust checks, against the real service over HTTP with the offline engine and
 * the built-in "Affiliate application" action: each check that fires is a flag on the lead, a matched
 * rule in its score explanation (points and tags), and sends the lead to review.
 */
const manager = { capabilities: MANAGER_CAPABILITIES, userId: 7 };

describe('applicant trust checks', () => {
  let service: TestService;
  let agentId: string;

  beforeAll(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
    const site = await service.request('PATCH', '/v1/settings/delivery', { wordpress: { siteUrl: 'https://shop.example' } });
    expect(site.status).toBe(200);
  });
  afterAll(() => service.close());

  async function apply(visitorId: string, answers: Record<string, string>): Promise<string> {
    const visitor = new Visitor(service, agentId, visitorToken(agentId, visitorId));
    await visitor.start({ url: 'https://shop.example/partners' });
    const turns = await answerAction(visitor, answers);
    const completed = turns.flatMap((turn) => eventsOf(turn, 'action-completed'));
    expect(completed).toHaveLength(1);
    return completed[0].leadId as string;
  }

  const answers = (email: string, website: string, audience = '150k') => ({
    name: 'Ana Lima',
    email,
    platform: 'YouTube',
    audience_size: audience,
    traffic_source: 'mostly SEO',
    website,
    consent: 'yes',
  });

  const leadOf = async (id: string) => (await service.request('GET', `/v1/leads/${id}`, undefined, manager)).body;

  it('a clean applicant with a large audience has no flags and goes to priority', async () => {
    const id = await apply('vis_clean', answers('ana@lima.example', 'https://youtube.com/@analima'));
    const { lead } = await leadOf(id);
    expect(lead.scoreExplanation.trust).toEqual([]);
    expect(lead.route).toBe('priority');
  });

  it('a disposable-email applicant is flagged, explained with its points and tags, and routed to review despite a priority score', async () => {
    const id = await apply('vis_disposable', answers('quick@mailinator.com', 'https://youtube.com/@quickone'));
    const { lead, events } = await leadOf(id);
    expect(lead.scoreExplanation.trust).toEqual([{ check: 'disposable_email', detail: 'mailinator.com is a disposable email domain' }]);
    expect(lead.scoreExplanation.matched).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'trust.disposable_email', points: -30, tags: ['disposable email'], route: 'review' })]),
    );
    expect(lead.score).toBe(50 + 10 + 10 + 5 - 30);
    expect(lead.scoreExplanation.routedBy).toMatchObject({ label: 'Disposable email address', route: 'review' });
    expect(lead.route).toBe('review');
    expect(lead.tags).toContain('disposable email');
    expect(lead.scoreExplanation.summary).toContain('Sent to review by "Disposable email address"');
    expect(events.map((event: { type: string }) => event.type)).toContain('trust-flagged');

    const reviewInbox = await service.request('GET', '/v1/leads?route=review&tag=disposable%20email', undefined, manager);
    expect(reviewInbox.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('a second applicant with the same website is a possible duplicate pointing at the first lead', async () => {
    const first = await apply('vis_site_a', answers('rui@one.example', 'https://www.rui-reviews.example/'));
    const second = await apply('vis_site_b', answers('other@two.example', 'http://rui-reviews.example'));
    const { lead } = await leadOf(second);
    expect(lead.scoreExplanation.trust).toEqual([
      { check: 'duplicate_applicant', detail: 'an earlier application has the same website (rui-reviews.example)', relatedLeadIds: [first] },
    ]);
    expect(lead.route).toBe('review');
    expect((await leadOf(first)).lead.scoreExplanation.trust).toEqual([]);
  });

  it('a website on the shop\'s own domain is flagged', async () => {
    const id = await apply('vis_own', answers('mia@mia.example', 'https://blog.shop.example/mia'));
    const { lead } = await leadOf(id);
    expect(lead.scoreExplanation.trust.map((flag: { check: string }) => flag.check)).toEqual(['own_domain_website']);
    expect(lead.tags).toContain('own domain');
    expect(lead.route).toBe('review');
  });

  it('many applications from one visitor in a day raise repeat_client at the configured threshold', async () => {
    const bad = await service.request('PATCH', '/v1/settings/trust', { repeatClientPerDay: 1 });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('expected a whole number from 2 to 100');
    const managerCannot = await service.request('PATCH', '/v1/settings/trust', { repeatClientPerDay: 2 }, manager);
    expect(managerCannot.status).toBe(403);
    expect((await service.request('PATCH', '/v1/settings/trust', { repeatClientPerDay: 2 })).body.settings).toEqual({ repeatClientPerDay: 2 });

    const first = await apply('vis_busy', answers('one@busy.example', 'https://busy-one.example'));
    expect((await leadOf(first)).lead.scoreExplanation.trust).toEqual([]);
    const second = await apply('vis_busy', answers('two@busy.example', 'https://busy-two.example'));
    const { lead } = await leadOf(second);
    expect(lead.scoreExplanation.trust.map((flag: { check: string }) => flag.check)).toEqual(['duplicate_applicant', 'repeat_client']);
    expect(lead.scoreExplanation.trust[1].detail).toBe('application 2 from this visitor within 24 hours (flagged from 2)');
    expect(lead.tags).toEqual(expect.arrayContaining(['possible duplicate', 'many applications']));
  });

  it('the owner can write rules on trust checks, and only yes/no operators are accepted', async () => {
    const definition = affiliateApplicationTemplate;
    const bad = { ...definition, key: 'strict-application', qualification: { ...definition.qualification, rules: [{ field: 'trust.disposable_email', operator: 'equals', value: 'x', points: 1, tags: [] }] } };
    const refused = await service.request('POST', `/v1/agents/${agentId}/actions`, { definition: bad });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('a trust check is yes or no; expected one of is_true, is_false');
    const good = { ...definition, key: 'strict-application', qualification: { ...definition.qualification, rules: [{ field: 'trust.repeat_client', operator: 'is_false', points: 5, tags: ['first try'] }] } };
    expect((await service.request('POST', `/v1/agents/${agentId}/actions`, { definition: good })).status).toBe(201);
  });
});

describe('trust check building blocks', () => {
  it('knows disposable domains from the maintained list, including subdomains of wildcard entries, and not ordinary ones', () => {
    expect(disposableDomainOf('a@mailinator.com')).toBe('mailinator.com');
    expect(disposableDomainOf('a@MAILINATOR.com')).toBe('mailinator.com');
    expect(disposableDomainOf('a@gmail.com')).toBeNull();
    expect(disposableDomainOf('a@shop.example')).toBeNull();
    expect(disposableDomainOf('not-an-email')).toBeNull();
  });

  it('reduces websites to a comparable key and ignores bare social platforms', () => {
    expect(websiteKey('https://www.YouTube.com/@Ana/?si=1#x')).toBe('youtube.com/@ana');
    expect(websiteKey('rui-reviews.example/')).toBe('rui-reviews.example');
    expect(websiteKey('https://youtube.com/')).toBeNull();
    expect(websiteKey('::')).toBeNull();
  });
});
