import { signRequest } from '../../src/security/request-signing';
import { mintToken } from '../../src/security/tokens';
import { startTestService, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';

describe('signed admin requests', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  const signed = (method: string, path: string, body = '', overrides: Partial<{ now: number; nonce: string; capabilities: string[]; secret: string }> = {}) =>
    signRequest(
      overrides.secret ?? TEST_SECRET,
      { method, pathWithQuery: path, body, userId: 7, capabilities: overrides.capabilities ?? ['aa_manage_agents'] },
      { now: overrides.now, nonce: overrides.nonce },
    );

  it('accepts a correctly signed request and refuses an unsigned one', async () => {
    expect((await service.raw('GET', '/v1/agents', { headers: signed('GET', '/v1/agents') })).status).toBe(200);
    const unsigned = await service.raw('GET', '/v1/agents');
    expect(unsigned.status).toBe(401);
    expect((((await unsigned.json()) as any)).error.code).toBe('signature_missing');
  });

  it('refuses a request signed more than five minutes ago, saying by how much the clocks differ', async () => {
    const response = await service.raw('GET', '/v1/agents', { headers: signed('GET', '/v1/agents', '', { now: Math.floor(Date.now() / 1000) - 400 }) });
    expect(response.status).toBe(401);
    const body = ((await response.json()) as any);
    expect(body.error.code).toBe('signature_expired');
    expect(body.error.message).toMatch(/behind the service's clock; at most 300 s/);
  });

  it('refuses the same signed request sent twice', async () => {
    const headers = signed('GET', '/v1/agents');
    expect((await service.raw('GET', '/v1/agents', { headers })).status).toBe(200);
    const replay = await service.raw('GET', '/v1/agents', { headers });
    expect(replay.status).toBe(401);
    expect((((await replay.json()) as any)).error.code).toBe('signature_replayed');
  });

  it('refuses a body changed after signing', async () => {
    const headers = { ...signed('POST', '/v1/agents', JSON.stringify({ name: 'Signed name' })), 'Content-Type': 'application/json' };
    const response = await service.raw('POST', '/v1/agents', { headers, body: JSON.stringify({ name: 'Tampered name' }) });
    expect(response.status).toBe(401);
    expect((((await response.json()) as any)).error.code).toBe('signature_invalid');
    expect(service.container.agents.list().some((agent) => agent.name === 'Tampered name')).toBe(false);
  });

  it('refuses a query string changed after signing, and a wrong secret', async () => {
    const headers = signed('GET', '/v1/leads?status=new', '', { capabilities: ['aa_review_leads'] });
    expect((await service.raw('GET', '/v1/leads?status=approved', { headers })).status).toBe(401);
    const wrongSecret = signed('GET', '/v1/agents', '', { secret: 'another-secret-another-secret-another' });
    expect((await service.raw('GET', '/v1/agents', { headers: wrongSecret })).status).toBe(401);
  });

  it('refuses a user without the capability the route needs', async () => {
    const response = await service.request('POST', '/v1/agents', { name: 'Not allowed' }, { capabilities: ['aa_review_leads'] });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/aa_manage_agents/);
    const leads = await service.request('GET', '/v1/leads', undefined, { capabilities: ['aa_manage_agents'] });
    expect(leads.status).toBe(403);
  });

  it('does not accept an admin token where only signed requests are allowed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = mintToken(TEST_SECRET, { v: 1, kind: 'admin', user: 1, caps: 'aa_manage_agents', iat: now, exp: now + 600 });
    const response = await service.raw('GET', '/v1/agents', { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
  });
});
