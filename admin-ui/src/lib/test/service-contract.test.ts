/**
 * @jest-environment node
 */
import apiFetch from '@wordpress/api-fetch';
import { startTestService, type TestService } from '../../../../tests/support/signed-client';
import { ApiError } from '../api-client';
import { createAction, createAgent, listActions, listAgents, listTemplates } from '../../routes/agents/api';
import { getAction, listVersions, previewScore, publishAction, restoreVersion, saveDraft } from '../../routes/action-builder/api';
import { listLeads } from '../../routes/leads/api';
import { addNote, approveLead, getDeliveries, getLead, updateLead } from '../../routes/lead/api';
import { addFaq, createSet, listSets, listSources, searchPreview } from '../../routes/knowledge/api';
import { getUsage } from '../../routes/usage/api';
import { getDeliverySettings, saveDeliverySettings } from '../../routes/settings/api';

/*
 * The admin app's api.ts functions against the real service, with apiFetch standing in for the
 * plugin's proxy exactly as the plugin behaves: `/affiliate-agent/v1/admin/<path>` becomes a signed
 * `/v1/<path>`, and service errors come back as WP_Error `{ code, message, data: { status, details } }`.
 */
jest.mock('@wordpress/api-fetch');
const mockedApiFetch = apiFetch as unknown as jest.Mock;
let service: TestService;

beforeAll(async () => {
  service = await startTestService();
  mockedApiFetch.mockImplementation(async (options: { path: string; method?: string; data?: unknown }) => {
    const servicePath = options.path.replace(/^\/affiliate-agent\/v1\/admin\//, '/v1/');
    const response = await service.request(options.method ?? 'GET', servicePath, options.data);
    if (response.status >= 400) {
      const error = (response.body as { error: { code: string; message: string; details?: unknown } }).error;
      throw { code: error.code, message: error.message, data: { status: response.status, details: error.details } };
    }
    return response.status === 204 ? null : response.body;
  });
});

afterAll(async () => {
  await service.close();
});

describe('the admin app against the real service', () => {
  it('creates an agent and an action from the template, and the builder loads it as a draft', async () => {
    const agent = await createAgent({ name: 'Contract test agent' });
    expect((await listAgents()).map((item) => item.id)).toContain(agent.id);
    const templates = await listTemplates();
    expect(templates.map((template) => template.key)).toContain('affiliate-application');

    const created = await createAction(agent.id, { template: 'affiliate-application', key: 'apply-contract' });
    const loaded = await getAction(created.id);
    expect(loaded.status).toBe('draft');
    expect(loaded.draft?.definition.fields.map((field) => field.key)).toContain('audience_size');
    expect((await listActions(agent.id)).map((action) => action.id)).toContain(created.id);
  });

  it('gets field-level issues with paths the editors can place, publishes, and restores', async () => {
    const agent = await createAgent({ name: 'Builder contract agent' });
    const action = await createAction(agent.id, { template: 'affiliate-application', key: 'apply-builder' });
    const definition = structuredClone(action.draft!.definition);
    (definition.fields[2] as { type: string }).type = 'dropdown';
    definition.qualification.rules[0].value = undefined;

    const failure = await saveDraft(action.id, definition).catch((thrown: unknown) => thrown);
    expect(failure).toBeInstanceOf(ApiError);
    const paths = (failure as ApiError).issues.map((issue) => issue.path);
    expect(paths).toContainEqual(['fields', 2, 'type']);

    const published = await publishAction(action.id);
    expect(published.status).toBe('published');
    const edited = { ...published.published!.definition, name: 'Apply (edited)' };
    expect((await saveDraft(action.id, edited)).status).toBe('published-with-draft');
    const versions = await listVersions(action.id);
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    const restored = await restoreVersion(action.id, 1);
    expect(restored.draft?.definition.name).toBe('Affiliate application');
  });

  it('scores sample answers with the service engine', async () => {
    const [template] = (await listTemplates()).filter((item) => item.key === 'affiliate-application');
    const result = await previewScore(template.definition, { audience_size: 150000, platform: 'youtube' });
    expect(result).toMatchObject({ score: 60, route: 'priority' });
    expect(result.tags).toEqual(expect.arrayContaining(['influencer', 'top partner']));
  });

  it('lists leads in the inbox shape and reads usage and delivery settings', async () => {
    const page = await listLeads({ route: 'priority', sort: 'score' });
    expect(page).toMatchObject({ items: expect.any(Array), total: expect.any(Number), nextCursor: null });

    const [agent] = await listAgents();
    const usage = await getUsage(agent.id);
    expect(usage.month).toMatchObject({ providerResponses: expect.any(Number) });
    expect(Array.isArray(usage.days)).toBe(true);

    const saved = await saveDeliverySettings({ affiliatewp: { transport: 'bridge' }, notifications: { recipients: ['partners@shop.example'] } });
    expect(saved.affiliatewp.transport).toBe('bridge');
    expect((await getDeliverySettings()).notifications.recipients).toEqual(['partners@shop.example']);
  });

  it('opens a lead page, edits tags, adds a note, approves, and reads the delivery ledger', async () => {
    const agent = await createAgent({ name: 'Lead page agent' });
    const action = await publishAction((await createAction(agent.id, { template: 'affiliate-application', key: 'apply-leads' })).id);
    const { lead } = service.container.leads.submit({
      agentId: agent.id,
      actionId: action.id,
      actionKey: action.key,
      actionVersion: action.publishedVersion!,
      definition: action.published!.definition,
      values: { name: 'Ana Lima', email: 'ana@creator.example', platform: 'youtube', audience_size: 150000, traffic_source: 'organic_social', consent: true },
    });

    const page = await listLeads({ route: 'priority', sort: 'newest', q: 'ana' });
    expect(page.items.map((item) => item.id)).toContain(lead.id);
    const detail = await getLead(lead.id);
    expect(detail.lead.scoreExplanation.summary).toMatch(/Score 60/);
    expect(Array.isArray(detail.notes)).toBe(true);
    expect((await updateLead(lead.id, { tags: ['vip'] })).tags).toEqual(['vip']);
    await addNote(lead.id, 'Called her, very interested.');
    expect((await getLead(lead.id)).notes.map((note) => note.body)).toContain('Called her, very interested.');
    expect((await approveLead(lead.id)).status).toBe('approved');
    expect(Array.isArray(await getDeliveries(lead.id))).toBe(true);
  });

  it('creates a knowledge set, adds an FAQ, and previews what the agent would retrieve', async () => {
    const set = await createSet({ name: 'Program docs', wordpress: null });
    expect((await listSets()).map((item) => item.id)).toContain(set.id);
    await addFaq(set.id, { question: 'What is the commission rate?', answer: 'Affiliates earn 30% commission on every sale for 60 days.' });
    const sources = await listSources(set.id);
    expect(sources[0]).toMatchObject({ kind: 'faq', status: expect.any(String), chunkCount: expect.any(Number) });
    const preview = await searchPreview([set.id], 'commission rate');
    expect(preview.hits[0]).toMatchObject({ title: expect.any(String), text: expect.stringContaining('30%'), relevance: expect.any(Number) });
  });
});
