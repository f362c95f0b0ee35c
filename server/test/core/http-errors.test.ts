import { signRequest } from '../../src/security/request-signing';
import { ADMIN_CAPABILITIES, startTestService, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';

describe('the HTTP error model', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('answers an unknown route with a JSON 404', async () => {
    const response = await service.raw('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect((((await response.json()) as any)).error).toMatchObject({ code: 'route_not_found', message: expect.stringContaining('GET /v1/nothing-here') });
  });

  it('answers malformed JSON in a signed request with a clear 400', async () => {
    // Bodies are parsed only after the signature is verified (tests/security/parse-after-auth.test.ts).
    const body = '{"name": ';
    const headers = { ...signRequest(TEST_SECRET, { method: 'POST', pathWithQuery: '/v1/agents', body, userId: 1, capabilities: ADMIN_CAPABILITIES }), 'Content-Type': 'application/json' };
    const response = await service.raw('POST', '/v1/agents', { headers, body });
    expect(response.status).toBe(400);
    expect((((await response.json()) as any)).error.code).toBe('malformed_json');
  });

  it('answers a body over the limit with 413', async () => {
    const response = await service.raw('POST', '/v1/agents', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(1_200_000) }),
    });
    expect(response.status).toBe(413);
    expect((((await response.json()) as any)).error.code).toBe('body_too_large');
  });

  it('answers a body that is not JSON with 415 and says what is expected', async () => {
    const response = await service.raw('POST', '/v1/agents', { headers: { 'Content-Type': 'text/plain' }, body: 'name=x' });
    expect(response.status).toBe(415);
    expect((((await response.json()) as any)).error.message).toMatch(/Expected Content-Type: application\/json/);
  });

  it('reports health with version and database state', async () => {
    const response = await service.raw('GET', '/health');
    expect(response.status).toBe(200);
    expect(((await response.json()) as any)).toMatchObject({ status: 'ok', version: expect.any(String), database: 'ok' });
  });
});
