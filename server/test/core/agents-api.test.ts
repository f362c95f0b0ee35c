import { startTestService, type TestService } from '../../../tests/support/signed-client';

describe('the agents admin API', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('creates, reads, updates, lists and deletes agents', async () => {
    const created = await service.request('POST', '/v1/agents', { name: 'EU partners', language: 'de', strictDocs: true });
    expect(created.status).toBe(201);
    const agent = created.body.agent;
    expect(agent).toMatchObject({ name: 'EU partners', language: 'de', strictDocs: true, enabled: true, monthlyCap: null });
    expect(agent.id).toMatch(/^agt_/);

    const updated = await service.request('PATCH', `/v1/agents/${agent.id}`, { enabled: false, greeting: 'Hallo!', appearance: { primaryColor: '#112233' } });
    expect(updated.status).toBe(200);
    expect(updated.body.agent).toMatchObject({ enabled: false, greeting: 'Hallo!', name: 'EU partners' });
    expect(updated.body.agent.appearance.primaryColor).toBe('#112233');

    expect((await service.request('GET', `/v1/agents/${agent.id}`)).body.agent.greeting).toBe('Hallo!');
    expect((await service.request('GET', '/v1/agents')).body.agents.map((item: { id: string }) => item.id)).toContain(agent.id);
    expect((await service.request('DELETE', `/v1/agents/${agent.id}`)).status).toBe(204);
    expect((await service.request('GET', `/v1/agents/${agent.id}`)).status).toBe(404);
  });

  it('explains invalid settings field by field and stores nothing', async () => {
    const before = service.container.agents.list().length;
    const response = await service.request('POST', '/v1/agents', { name: '', language: 'English', appearance: { primaryColor: 'blue' }, allowedOrigins: ['shop.example'] });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'language', 'appearance.primaryColor', 'allowedOrigins[0]']));
    expect(response.body.error.message).toMatch(/appearance\.primaryColor: expected a hex colour such as #2271b1/);
    expect(service.container.agents.list().length).toBe(before);
  });

  it('changes only the settings a patch names', async () => {
    const agent = (await service.request('POST', '/v1/agents', { name: 'Keeps origins', allowedOrigins: ['https://shop.example'], strictDocs: true, greeting: 'Hej' })).body.agent;
    const patched = (await service.request('PATCH', `/v1/agents/${agent.id}`, { monthlyCap: 500 })).body.agent;
    expect(patched).toMatchObject({ monthlyCap: 500, allowedOrigins: ['https://shop.example'], strictDocs: true, greeting: 'Hej' });
  });

  it('refuses unknown settings in a patch instead of ignoring them', async () => {
    const agent = (await service.request('POST', '/v1/agents', { name: 'Strict' })).body.agent;
    const response = await service.request('PATCH', `/v1/agents/${agent.id}`, { colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/colour/);
  });

  it('lets lead reviewers read agents but not change them', async () => {
    const reviewer = { capabilities: ['aa_review_leads'] };
    expect((await service.request('GET', '/v1/agents', undefined, reviewer)).status).toBe(200);
    expect((await service.request('POST', '/v1/agents', { name: 'Nope' }, reviewer)).status).toBe(403);
  });
});
