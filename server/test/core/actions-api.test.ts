import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { startTestService, type TestService } from '../../../tests/support/signed-client';

describe('the custom actions admin API', () => {
  let service: TestService;
  let agentId: string;
  beforeAll(async () => {
    service = await startTestService();
    agentId = (await service.request('POST', '/v1/agents', { name: 'Actions agent' })).body.agent.id;
  });
  afterAll(() => service.close());

  it('lists the built-in templates', async () => {
    const response = await service.request('GET', '/v1/action-templates');
    expect(response.body.templates.map((template: { key: string }) => template.key)).toEqual(['affiliate-application', 'payout-preference']);
  });

  it('creates an action from a template as a draft that visitors do not see yet', async () => {
    const created = await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application' });
    expect(created.status).toBe(201);
    expect(created.body.action).toMatchObject({ status: 'draft', draftVersion: 1, publishedVersion: null, key: 'affiliate-application' });
    expect(service.container.actions.listPublished(agentId)).toEqual([]);
    expect(service.container.actions.listForPlayground(agentId)).toHaveLength(1);
  });

  it('publishes, edits as a draft without touching the live version, restores an older version', async () => {
    const definition = structuredClone(ACTION_TEMPLATES['payout-preference']);
    const created = (await service.request('POST', `/v1/agents/${agentId}/actions`, { definition })).body.action;
    const published = await service.request('POST', `/v1/actions/${created.id}/publish`);
    expect(published.body.action).toMatchObject({ status: 'published', publishedVersion: 1, draftVersion: null });

    const edited = { ...definition, name: 'Payout method' };
    const draft = await service.request('PUT', `/v1/actions/${created.id}/draft`, { definition: edited });
    expect(draft.body.action).toMatchObject({ status: 'published-with-draft', publishedVersion: 1, draftVersion: 2 });
    const live = service.container.actions.listPublished(agentId).find((action) => action.actionId === created.id);
    expect(live?.definition.name).toBe('Payout preference');

    // A second save rewrites the same draft rather than piling up versions.
    await service.request('PUT', `/v1/actions/${created.id}/draft`, { definition: { ...edited, name: 'Payout method v2' } });
    expect((await service.request('GET', `/v1/actions/${created.id}`)).body.action.draftVersion).toBe(2);

    await service.request('POST', `/v1/actions/${created.id}/publish`);
    expect(service.container.actions.listPublished(agentId).find((action) => action.actionId === created.id)?.definition.name).toBe('Payout method v2');

    const restored = await service.request('POST', `/v1/actions/${created.id}/versions/1/restore`);
    expect(restored.body.action).toMatchObject({ publishedVersion: 2, draftVersion: 3 });
    expect(restored.body.action.draft.definition.name).toBe('Payout preference');
    expect(restored.body.action.draft.restoredFrom).toBe(1);

    const versions = (await service.request('GET', `/v1/actions/${created.id}/versions`)).body.versions;
    expect(versions.map((version: { version: number; publishedAt: string | null }) => [version.version, version.publishedAt !== null])).toEqual([
      [3, false],
      [2, true],
      [1, true],
    ]);
  });

  it('refuses to publish when there is no draft', async () => {
    const created = (await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'payout-preference', key: 'payout-b', publish: true })).body.action;
    const response = await service.request('POST', `/v1/actions/${created.id}/publish`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('nothing_to_publish');
  });

  it('answers an invalid definition with the exact paths and keeps the stored draft intact', async () => {
    const created = (await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application', key: 'apply-b' })).body.action;
    const broken = structuredClone(ACTION_TEMPLATES['affiliate-application']) as any;
    broken.key = 'apply-b';
    broken.fields[2].type = 'dropdown';
    const response = await service.request('PUT', `/v1/actions/${created.id}/draft`, { definition: broken });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues).toContainEqual({
      path: 'fields[2].type',
      message: 'expected one of text, email, url, number, phone, enum, boolean, consent',
    });
    const stored = (await service.request('GET', `/v1/actions/${created.id}`)).body.action;
    expect(stored.draft.definition.fields[2].type).toBe('enum');
  });

  it('refuses a second action with the same key on one agent, and an unknown template', async () => {
    const duplicate = await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application' });
    expect(duplicate.status).toBe(409);
    const unknown = await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'aply' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Unknown template 'aply'. Available: affiliate-application, payout-preference.");
  });

  it('previews a score for sample answers with its explanation', async () => {
    const response = await service.request('POST', '/v1/actions/preview-score', {
      definition: ACTION_TEMPLATES['affiliate-application'],
      answers: { platform: 'youtube', audience_size: 120000, traffic_source: 'organic_social' },
    });
    expect(response.body.result).toMatchObject({ score: 60, route: 'priority' });
    expect(response.body.result.explanation.matched).toHaveLength(2);
  });

  it('keeps publishing atomic: a failure inside the publish transaction leaves the live version as it was', async () => {
    const created = (await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'payout-preference', key: 'payout-atomic', publish: true })).body.action;
    await service.request('PUT', `/v1/actions/${created.id}/draft`, { definition: { ...ACTION_TEMPLATES['payout-preference'], key: 'payout-atomic', name: 'Changed' } });
    const repository = service.container.repositories.actions;
    const original = repository.setPointers;
    repository.setPointers = () => {
      throw new Error('disk full');
    };
    try {
      expect(() => service.container.actions.publish(created.id)).toThrow('disk full');
    } finally {
      repository.setPointers = original;
    }
    const after = service.container.actions.get(created.id);
    expect(after.publishedVersion).toBe(1);
    expect(after.published?.publishedAt).not.toBeNull();
    expect(after.draft?.publishedAt).toBeNull();
  });

  it('never shows a webhook header value in full, and keeps it when the masked value comes back', async () => {
    const definition = structuredClone(ACTION_TEMPLATES['payout-preference']) as any;
    definition.key = 'payout-crm';
    definition.steps.push({ id: 'crm', type: 'webhook', config: { url: 'https://crm.example/hook', headers: [{ name: 'Authorization', value: 'Bearer crm-secret-token-1234' }] } });
    const created = await service.request('POST', `/v1/agents/${agentId}/actions`, { definition });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('crm-secret-token');
    const shown = created.body.action.draft.definition;
    expect(shown.steps[1].config.headers[0].value).toBe('••••1234');

    // The builder saves what it was shown; the stored secret survives.
    const saved = await service.request('PUT', `/v1/actions/${created.body.action.id}/draft`, { definition: { ...shown, name: 'Payout (CRM)' } });
    expect(saved.status).toBe(200);
    const stored = service.container.actions.listForPlayground(agentId).find((action) => action.actionId === created.body.action.id);
    expect((stored?.definition.steps[1] as any).config.headers[0].value).toBe('Bearer crm-secret-token-1234');
    const history = await service.request('GET', `/v1/actions/${created.body.action.id}/versions`);
    expect(history.text).not.toContain('crm-secret-token');

    // A mask that matches nothing stored is refused rather than saved as the value.
    const forged = structuredClone(shown);
    forged.steps[1].config.headers[0].value = '••••9999';
    const refused = await service.request('PUT', `/v1/actions/${created.body.action.id}/draft`, { definition: forged });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0].path).toBe('steps[1].config.headers[0].value');
  });
});
