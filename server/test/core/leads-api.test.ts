import { ACTION_TEMPLATES } from '../../src/actions/templates';
import type { LeadSubmission } from '../../src/leads/lead-service';
import { startTestService, MANAGER_CAPABILITIES, type TestService } from '../../../tests/support/signed-client';

const application = ACTION_TEMPLATES['affiliate-application'];
const manager = { capabilities: MANAGER_CAPABILITIES, userId: 5 };

describe('leads', () => {
  let service: TestService;
  let agentId: string;
  let actionId: string;

  const submit = (values: LeadSubmission['values'], extra: Partial<LeadSubmission> = {}) =>
    service.container.leads.submit({
      agentId,
      actionId,
      actionKey: application.key,
      actionVersion: 1,
      definition: application,
      values,
      ...extra,
    });

  beforeAll(async () => {
    service = await startTestService();
    agentId = (await service.request('POST', '/v1/agents', { name: 'Leads agent' })).body.agent.id;
    actionId = (await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application', publish: true })).body.action.id;
  });
  afterAll(() => service.close());

  it('stores a submitted application with score, explanation, tags, route, source and consent', async () => {
    const { lead, created } = submit(
      { name: 'Ana Silva', email: 'Ana@Example.com', platform: 'youtube', audience_size: 250000, traffic_source: 'organic_social', consent: true },
      { conversationId: 'cnv_1', source: { pageUrl: 'https://shop.example/partners', referrer: 'https://google.com', utm: { source: 'newsletter', campaign: 'spring' } } },
    );
    expect(created).toBe(true);
    const response = await service.request('GET', `/v1/leads/${lead.id}`, undefined, manager);
    expect(response.status).toBe(200);
    expect(response.body.lead).toMatchObject({
      email: 'ana@example.com',
      name: 'Ana Silva',
      score: 60,
      route: 'priority',
      status: 'new',
      tags: ['influencer', 'top partner'],
      source: { pageUrl: 'https://shop.example/partners', utm: { source: 'newsletter', campaign: 'spring' } },
    });
    expect(response.body.lead.consents[0]).toMatchObject({ field: 'consent', accepted: true, text: application.fields[6].consentText });
    expect(response.body.lead.scoreExplanation.matched.map((rule: { label: string }) => rule.label)).toEqual(['Audience of 100k or more', 'Video or social creator']);
    expect(response.body.events[0]).toMatchObject({ type: 'lead-created', data: { score: 60, route: 'priority' } });
    // The lead page gets each field's label and option labels, so it never shows `organic_social`.
    expect(response.body.answerFields.find((field: { key: string }) => field.key === 'traffic_source')).toMatchObject({
      label: 'Traffic source',
      type: 'enum',
      options: expect.arrayContaining([{ value: 'organic_social', label: 'Organic social content' }]),
    });
    expect(JSON.stringify(response.body.answerFields)).not.toContain('synonyms');
  });

  it('keeps the first lead as it was when the same email applies again, and marks the new lead as its possible duplicate', async () => {
    const first = submit({ name: 'Bo', email: 'bo@example.com', platform: 'instagram', audience_size: 5000, traffic_source: 'organic_social', consent: true });
    const second = submit({ name: 'Bo', email: 'BO@example.com', platform: 'instagram', audience_size: 150000, traffic_source: 'organic_social', consent: true });
    expect(second.created).toBe(true);
    expect(second.lead.id).not.toBe(first.lead.id);
    expect(second.lead).toMatchObject({ duplicateOf: first.lead.id, submissions: 1, route: 'review', fields: { audience_size: 150000 } });
    // The same email is a trust flag (issue 16): the built-in action sends such a lead to review.
    expect(second.lead.scoreExplanation.trust?.map((flag) => flag.check)).toEqual(['duplicate_applicant']);
    const detail = service.container.leads.detail(first.lead.id);
    expect(detail.lead).toEqual(first.lead);
    expect(detail.events.find((event) => event.type === 'possible-duplicate')?.data).toEqual({ leadId: second.lead.id });
    expect(detail.duplicates.later.map((lead) => lead.id)).toEqual([second.lead.id]);
  });

  it('finds the lead a conversation already created for an action', () => {
    const { lead } = submit({ name: 'Cy', email: 'cy@example.com', platform: 'blog', audience_size: 3000, traffic_source: 'seo', consent: true }, { conversationId: 'cnv_cy' });
    expect(service.container.leads.findByConversation('cnv_cy', application.key)?.id).toBe(lead.id);
    expect(service.container.leads.findByConversation('cnv_other', application.key)).toBeNull();
  });

  it('filters by route, tag, status, agent, date and free text, and pages with a stable cursor', async () => {
    for (let index = 0; index < 7; index += 1) {
      submit({ name: `Page Tester ${index}`, email: `page${index}@example.com`, platform: 'tiktok', audience_size: 200, traffic_source: 'organic_social', consent: true });
    }
    const priority = await service.request('GET', '/v1/leads?route=priority', undefined, manager);
    expect(priority.body.items.every((lead: { route: string }) => lead.route === 'priority')).toBe(true);
    const beginners = await service.request('GET', `/v1/leads?tag=beginner&agentId=${agentId}`, undefined, manager);
    expect(beginners.body.total).toBe(7);
    const search = await service.request('GET', '/v1/leads?q=page3', undefined, manager);
    expect(search.body.items.map((lead: { email: string }) => lead.email)).toEqual(['page3@example.com']);
    const byName = await service.request('GET', '/v1/leads?q=Tester', undefined, manager);
    expect(byName.body.total).toBe(7);
    const future = await service.request('GET', '/v1/leads?from=2999-01-01', undefined, manager);
    expect(future.body.total).toBe(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `/v1/leads?tag=beginner&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await service.request('GET', query, undefined, manager);
      seen.push(...page.body.items.map((lead) => lead.id));
      cursor = page.body.nextCursor;
      // A lead arriving between pages must not shift the pages.
      if (seen.length === 3) submit({ name: 'Late', email: 'late@example.com', platform: 'tiktok', audience_size: 10, traffic_source: 'organic_social', consent: true });
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('explains bad filters', async () => {
    const response = await service.request('GET', '/v1/leads?route=vip&limit=1000', undefined, manager);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/route: expected one of priority, standard, review, reject/);
    expect(response.body.error.message).toMatch(/limit: expected 1 to 200/);
    const cursor = await service.request('GET', '/v1/leads?cursor=garbage', undefined, manager);
    expect(cursor.status).toBe(400);
  });

  it('moves a lead through the status workflow, keeps tags and notes, and refuses impossible changes', async () => {
    const { lead } = submit({ name: 'Di', email: 'di@example.com', platform: 'blog', audience_size: 40000, traffic_source: 'seo', consent: true });
    const contacted = await service.request('PATCH', `/v1/leads/${lead.id}`, { status: 'contacted', tags: ['vip', 'content site'] }, manager);
    expect(contacted.body.lead).toMatchObject({ status: 'contacted', tags: ['content site', 'vip'] });
    const note = await service.request('POST', `/v1/leads/${lead.id}/notes`, { body: 'Called, very interested.' }, manager);
    expect(note.status).toBe(201);
    const approved = await service.request('POST', `/v1/leads/${lead.id}/approve`, undefined, manager);
    expect(approved.body.lead.status).toBe('approved');
    const again = await service.request('POST', `/v1/leads/${lead.id}/reject`, undefined, manager);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/approved cannot be rejected; it can become archived/);
    const detail = (await service.request('GET', `/v1/leads/${lead.id}`, undefined, manager)).body;
    expect(detail.notes[0]).toMatchObject({ body: 'Called, very interested.', author: 5 });
    expect(detail.events.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['status-changed', 'tags-changed', 'note-added']),
    );
  });

  it('hides archived leads from the inbox unless asked for', async () => {
    const { lead } = submit({ name: 'Ed', email: 'ed@example.com', platform: 'blog', audience_size: 100, traffic_source: 'seo', consent: true });
    await service.request('PATCH', `/v1/leads/${lead.id}`, { status: 'archived' }, manager);
    const inbox = (await service.request('GET', '/v1/leads?limit=200', undefined, manager)).body.items.map((item: { id: string }) => item.id);
    expect(inbox).not.toContain(lead.id);
    const archived = (await service.request('GET', '/v1/leads?status=archived', undefined, manager)).body.items.map((item: { id: string }) => item.id);
    expect(archived).toContain(lead.id);
  });

  it('exports CSV that a spreadsheet cannot run as formulas', async () => {
    submit({ name: '=HYPERLINK("http://evil","x")', email: 'formula@example.com', platform: 'other', audience_size: 10, traffic_source: 'email', consent: true });
    const response = await service.request('GET', '/v1/leads/export.csv?q=formula', undefined, manager);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = response.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^"Lead ID","Received"/);
    // Headers are the fields' labels (with the key where a label repeats) and choices show their option
    // labels; numbers stay plain digits for spreadsheets.
    expect(lines[0]).toContain('"Name (name)","Email (email)","Main platform","Audience size","Traffic source"');
    expect(lines[1]).toContain('"Other","10","Email"');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });

  it('is closed to users who may only manage agents', async () => {
    expect((await service.request('GET', '/v1/leads', undefined, { capabilities: ['aa_manage_agents'] })).status).toBe(403);
  });
});
