import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { startTestService, type TestService } from '../../../tests/support/signed-client';

describe('personal data export and erasure', () => {
  let service: TestService;
  let agentId: string;
  beforeAll(async () => {
    service = await startTestService();
    agentId = (await service.request('POST', '/v1/agents', { name: 'Privacy agent' })).body.agent.id;
    const actionId = (await service.request('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application', publish: true })).body.action.id;
    // The site's language, as the plugin reports it when it pairs: numbers in the export follow it.
    await service.request('PATCH', '/v1/settings/delivery', { wordpress: { locale: 'de-DE' } });
    const definition = ACTION_TEMPLATES['affiliate-application'];
    for (const email of ['gdpr@example.com', 'other@example.com']) {
      service.container.leads.submit({
        agentId,
        actionId,
        actionKey: definition.key,
        actionVersion: 1,
        definition,
        values: { name: 'Gia', email, platform: 'blog', audience_size: 150000, traffic_source: 'seo', consent: true },
      });
    }
  });
  afterAll(() => service.close());

  it('exports what is stored about an email in the words of the lead page, consent included', async () => {
    const response = await service.request('GET', '/v1/privacy/export?email=GDPR@example.com');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    const values = response.body.items[0].data.map((entry: { name: string; value: string }) => `${entry.name}=${entry.value}`);
    // Labels, option labels and the site's number format, as on the lead page; never the stored keys.
    expect(values).toEqual(expect.arrayContaining(['Email=gdpr@example.com', 'Main platform=Blog or website', 'Audience size=150.000', 'Traffic source=SEO / search', 'Consent=Agreed']));
    expect(values.join('\n')).not.toMatch(/audience_size|=seo\b|=true/);
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
