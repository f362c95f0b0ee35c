import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { startTestService, type TestService } from '../../../tests/support/signed-client';

describe('personal data export and erasure', () => {
  let service: TestService;
  let agentId: string;
  beforeAll(async () => {
    service = await startTestService();
    agentId = (await service.request('POST', '/v1/agents', { name: 'Privacy agent' })).body.agent.id;
    const definition = ACTION_TEMPLATES['affiliate-application'];
    for (const email of ['gdpr@example.com', 'other@example.com']) {
      service.container.leads.submit({
        agentId,
        actionId: null,
        actionKey: definition.key,
        actionVersion: 1,
        definition,
        values: { name: 'Gia', email, platform: 'blog', audience_size: 100, traffic_source: 'seo', consent: true },
      });
    }
  });
  afterAll(() => service.close());

  it('exports what is stored about an email, consent included', async () => {
    const response = await service.request('GET', '/v1/privacy/export?email=GDPR@example.com');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    const values = response.body.items[0].data.map((entry: { name: string; value: string }) => `${entry.name}=${entry.value}`);
    expect(values).toContain('email=gdpr@example.com');
    expect(values.some((value: string) => value.startsWith('Consent') && value.includes('Agreed'))).toBe(true);
  });

  it('erases only that person and says how much', async () => {
    const response = await service.request('POST', '/v1/privacy/erase', { email: 'gdpr@example.com' });
    expect(response.body.erased).toMatchObject({ leads: 1 });
    expect(service.container.leads.findByEmail('gdpr@example.com')).toEqual([]);
    expect(service.container.leads.findByEmail('other@example.com')).toHaveLength(1);
  });

  it('asks for a valid email', async () => {
    const response = await service.request('POST', '/v1/privacy/erase', { email: 'not-an-email' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/email: expected an email address/);
  });
});
