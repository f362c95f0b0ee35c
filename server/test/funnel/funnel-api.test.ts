import { MANAGER_CAPABILITIES, type TestService } from '../../../tests/support/signed-client';
import { Visitor, answerAction, eventsOf, setUpAgent, startChatService, visitorToken } from '../conversations/support/chat-client';

/**
 * Issue 16, recruitment funnel: the real service over HTTP on a real SQLite file. Scripted visitors
 * chat on the offline engine (some never apply, some stop at a field, some submit, one is approved);
 * the funnel's counts must equal what those visitors did.
 */
const FULL = { name: 'Ana Lima', email: 'ana@site.com', platform: 'YouTube', audience_size: '150k', traffic_source: 'mostly SEO', website: 'https://youtube.com/@ana', consent: 'yes' };
const ORDER = ['name', 'email', 'platform', 'audience_size', 'traffic_source', 'website', 'consent'];

describe('recruitment funnel (GET /v1/funnel)', () => {
  let service: TestService;
  let agentId: string;
  let approvedLeadId: string;
  let visitors = 0;

  beforeAll(async () => {
    service = await startChatService();
    agentId = await setUpAgent(service);
    const visitor = async (page: Record<string, unknown>) => {
      const next = new Visitor(service, agentId, visitorToken(agentId, `vis_${(visitors += 1)}`));
      await next.start(page);
      return next;
    };
    /** Applies and answers fields up to (not including) `stopAt`, then leaves. */
    async function stopAt(next: Visitor, field: string) {
      let turn = await next.say('I want to become an affiliate');
      for (let step = 0; step < 10; step += 1) {
        const asked = eventsOf(turn, 'field-request')[0]?.field.key as string | undefined;
        if (!asked || asked === field) break;
        turn = await next.say(FULL[asked as keyof typeof FULL]);
      }
    }
    const submit = async (next: Visitor, email: string) => {
      const turns = await answerAction(next, { ...FULL, email });
      return eventsOf(turns[turns.length - 1]!, 'action-completed')[0]?.leadId as string;
    };

    // /partners, utm google: one only asks a question, one leaves before the first answer, one after email.
    await (await visitor({ url: 'https://shop.example/partners', utm: { source: 'google' } })).say('What commission do you pay?');
    await stopAt(await visitor({ url: 'https://shop.example/partners#top', utm: { source: 'google' } }), 'name');
    await stopAt(await visitor({ url: 'https://shop.example/partners?utm_source=google&utm_medium=cpc', utm: { source: 'google' } }), 'platform');
    // /join: two submit (newsletter; no UTM), the second is approved; a formula-looking UTM source on a plain-permalink page only chats.
    await submit(await visitor({ url: 'https://shop.example/join', utm: { source: 'newsletter' } }), 'dana@site.com');
    approvedLeadId = await submit(await visitor({ url: 'https://shop.example/join' }), 'eve@site.com');
    await (await visitor({ url: 'https://shop.example/?page_id=9&utm_campaign=x', utm: { source: '=HYPERLINK("http://x.example")' } })).say('hello');
    const approve = await service.request('POST', `/v1/leads/${approvedLeadId}/approve`, undefined, { capabilities: MANAGER_CAPABILITIES });
    expect(approve.status).toBe(200);
    // A playground conversation is the owner testing, not a visitor: never counted.
    const playground = await service.request('POST', `/v1/playground/agents/${agentId}/conversations`, {});
    expect(playground.status).toBe(201);
  });
  afterAll(() => service.close());

  const funnel = (query: string, capabilities?: string[]) => service.request('GET', `/v1/funnel?agentId=${agentId}${query}`, undefined, capabilities ? { capabilities } : {});
  const reachedOf = (counts: { fields: Array<{ fieldKey: string; reached: number }> }) => Object.fromEntries(counts.fields.map((field) => [field.fieldKey, field.reached]));

  it('counts conversations, started applications, each field answered, submissions and approvals', async () => {
    const response = await funnel('');
    expect(response.status).toBe(200);
    const { total, groups, firstReferral } = response.body.funnel;
    expect(total).toMatchObject({ conversations: 6, applicationStarted: 4, submitted: 2, approved: 1 });
    // Visitor 2 answered nothing; visitor 3 answered name and email; the two applicants answered everything.
    expect(total.fields.map((field: { fieldKey: string }) => field.fieldKey)).toEqual(ORDER);
    expect(reachedOf(total)).toEqual({ name: 3, email: 3, platform: 2, audience_size: 2, traffic_source: 2, website: 2, consent: 2 });
    expect(total.fields.find((field: { fieldKey: string }) => field.fieldKey === 'name')).toMatchObject({ label: 'Name', dropOff: 1 });
    expect(total.fields.find((field: { fieldKey: string }) => field.fieldKey === 'platform')).toMatchObject({ label: 'Main platform', dropOff: 1 });
    expect(groups).toEqual([]);
    expect(firstReferral).toEqual({ available: false, reason: expect.stringMatching(/not available/) });
  });

  it('splits by page (fragment and utm_* parameters ignored, other parameters kept), by UTM source and by action version', async () => {
    const byPage = (await funnel('&groupBy=page')).body.funnel;
    const pages = Object.fromEntries(byPage.groups.map((group: any) => [group.key, [group.conversations, group.applicationStarted, group.submitted, group.approved]]));
    expect(pages).toEqual({ 'https://shop.example/partners': [3, 2, 0, 0], 'https://shop.example/join': [2, 2, 2, 1], 'https://shop.example/?page_id=9': [1, 0, 0, 0] });
    expect(reachedOf(byPage.groups.find((group: any) => group.key === 'https://shop.example/partners'))).toMatchObject({ name: 1, email: 1, platform: 0 });
    expect(byPage.total).toMatchObject({ conversations: 6, applicationStarted: 4, submitted: 2, approved: 1 });

    const bySource = (await funnel('&groupBy=utm_source')).body.funnel.groups;
    const sources = Object.fromEntries(bySource.map((group: any) => [String(group.key), [group.conversations, group.submitted, group.approved]]));
    expect(sources).toEqual({ google: [3, 0, 0], newsletter: [1, 1, 0], null: [1, 1, 1], '=HYPERLINK("http://x.example")': [1, 0, 0] });

    const byVersion = (await funnel('&groupBy=action_version')).body.funnel.groups;
    const versions = Object.fromEntries(byVersion.map((group: any) => [String(group.key), [group.conversations, group.applicationStarted]]));
    expect(versions).toEqual({ 'affiliate-application@1': [4, 4], null: [2, 0] });
  });

  it('exports CSV: header, one row per group and a total, formula-looking cells neutralised', async () => {
    const response = await service.request('GET', `/v1/funnel/export.csv?agentId=${agentId}&groupBy=utm_source`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = response.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"Group","Conversations","Application started","Reached: Name (affiliate-application.name)","Reached: Email (affiliate-application.email)","Reached: Main platform (affiliate-application.platform)","Reached: Audience size (affiliate-application.audience_size)","Reached: Traffic source (affiliate-application.traffic_source)","Reached: Website or profile (affiliate-application.website)","Reached: Consent (affiliate-application.consent)","Submitted","Approved","First referral"');
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines).toContain('"google","3","2","1","1","0","0","0","0","0","0","0","not available"');
    expect(lines).toContain(`"'=HYPERLINK(""http://x.example"")","1","0","0","0","0","0","0","0","0","0","0","not available"`);
    expect(lines).toContain('"(none)","1","1","1","1","1","1","1","1","1","1","1","not available"');
    expect(lines.at(-1)).toBe('"Total","6","4","3","3","2","2","2","2","2","2","1","not available"');
  });

  it('counts only conversations started in the range', async () => {
    const past = (await funnel('&from=2020-01-01&to=2020-01-31')).body.funnel;
    expect(past).toMatchObject({ from: '2020-01-01', to: '2020-01-31', total: { conversations: 0, applicationStarted: 0, submitted: 0, approved: 0 } });
  });

  it('refuses a bad query with what is accepted, an unknown agent, and a user with neither capability', async () => {
    const bad = await funnel('&groupBy=country&from=1.1.2026');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['from', 'groupBy']);
    expect(bad.body.error.message).toMatch(/page, utm_source, action_version/);
    const reversed = await funnel('&from=2026-02-01&to=2026-01-01');
    expect([reversed.status, reversed.body.error.message]).toEqual([400, 'funnel query: from must not be after to']);
    expect((await funnel('&from=2026-13-01')).status).toBe(400);
    expect((await funnel('&from=2024-01-01&to=2026-01-01')).body.error.message).toMatch(/at most 366 days/);
    expect((await service.request('GET', '/v1/funnel?agentId=agt_missing')).status).toBe(404);
    expect((await funnel('', ['edit_posts'])).status).toBe(403);
    expect((await funnel('', MANAGER_CAPABILITIES)).status).toBe(200);
    expect((await funnel('', ['aa_manage_agents'])).status).toBe(200);
  });
});
