import { seedExampleIfEmpty } from '../../server/src/seed/seed-example';
import { signRequest } from '../../server/src/security/request-signing';
import { ADMIN_CAPABILITIES, startTestService, TEST_SECRET, type TestService } from '../support/signed-client';

/**
 * Review finding 9: bodies were parsed before authentication (up to 7 MB of JSON for an unsigned
 * request). Now the signature or token is checked first; the bodies below are invalid JSON on
 * purpose, so a 400 malformed_json would show they were parsed, and JSON.parse is watched in-process
 * for any string as large as them.
 */
describe('security: signatures and tokens before body parsing', () => {
  jest.setTimeout(60_000);
  let service: TestService;
  let setId: string;
  let agentId: string;
  const parsedLarge: number[] = [];
  const originalParse = JSON.parse;

  beforeAll(async () => {
    service = await startTestService();
    agentId = seedExampleIfEmpty(service.container)!.agentId;
    setId = (await service.request('POST', '/v1/knowledge/sets', { name: 'Docs' })).body.knowledgeSet.id;
    jest.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (typeof text === 'string' && text.length > 30_000) parsedLarge.push(text.length);
      return originalParse(text, reviver);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await service.close();
  });
  beforeEach(() => {
    parsedLarge.length = 0;
  });

  const sevenMegabytes = () => `{"filename":"a.txt","contentType":"text/plain","contentBase64":"${'A'.repeat(7 * 1024 * 1024 - 200)}`;

  it('refuses an unsigned 7 MB upload with 401 before reading or parsing it', async () => {
    const response = await service.raw('POST', `/v1/knowledge/sets/${setId}/files`, { headers: { 'Content-Type': 'application/json' }, body: sevenMegabytes() });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('signature_missing');
    expect(parsedLarge).toEqual([]);
  });

  it('refuses a 7 MB upload with a forged signature with 401, without parsing it', async () => {
    const body = sevenMegabytes();
    const forged = signRequest('another-secret-0123456789abcdef0123456789', { method: 'POST', pathWithQuery: `/v1/knowledge/sets/${setId}/files`, body, userId: 1, capabilities: ADMIN_CAPABILITIES });
    const response = await service.raw('POST', `/v1/knowledge/sets/${setId}/files`, { headers: { ...forged, 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('signature_invalid');
    expect(parsedLarge).toEqual([]);
  });

  it('refuses an unsigned 900 KB admin request with 401, not with a JSON error', async () => {
    const response = await service.raw('POST', '/v1/agents', { headers: { 'Content-Type': 'application/json' }, body: `{"name":"${'x'.repeat(900_000)}` });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('signature_missing');
    expect(parsedLarge).toEqual([]);
  });

  it('refuses a chat message without a visitor token with 401 before parsing, and caps visitor bodies at 64 KB', async () => {
    const unparsed = await service.raw('POST', `/v1/agents/${agentId}/conversations`, { headers: { 'Content-Type': 'application/json' }, body: `{"page":"${'x'.repeat(50_000)}` });
    expect(unparsed.status).toBe(401);
    expect((await unparsed.json()).error.code).toBe('token_missing');
    expect(parsedLarge).toEqual([]);

    const oversized = await service.raw('POST', `/v1/agents/${agentId}/conversations`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ page: { url: `https://shop.example/?q=${'x'.repeat(70_000)}` } }) });
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).error.code).toBe('body_too_large');
  });

  it('still parses a correctly signed upload, and a signed malformed body is a clear 400', async () => {
    const upload = await service.request('POST', `/v1/knowledge/sets/${setId}/files`, {
      filename: 'cookies.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('Cookies last 45 days. '.repeat(2000)).toString('base64'),
    });
    expect(upload.status).toBe(201);
    expect(parsedLarge.length).toBeGreaterThan(0);

    const body = '{"name": ';
    const headers = { ...signRequest(TEST_SECRET, { method: 'POST', pathWithQuery: '/v1/agents', body, userId: 1, capabilities: ADMIN_CAPABILITIES }), 'Content-Type': 'application/json' };
    const malformed = await service.raw('POST', '/v1/agents', { headers, body });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('malformed_json');
  });
});
