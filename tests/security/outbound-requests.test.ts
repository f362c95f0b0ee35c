import http from 'node:http';
import { startTestService, type TestService } from '../support/signed-client';
import { closeServer, listen, readBody } from '../fakes/http-helpers';
import { createSafeHttpClient } from '../../server/src/connectors/safe-http';
import { isForbiddenAddress } from '../../server/src/connectors/ssrf-guard';

/**
 * Review findings 3 and 5: knowledge "sync site" goes through the SSRF guard and never echoes an
 * internal answer; the guard refuses IPv6 forms that embed IPv4; credentials and bodies do not follow
 * a redirect to another origin. Real loopback HTTP servers stand in for the internal targets.
 */
describe('security: outbound requests', () => {
  jest.setTimeout(30_000);
  let service: TestService;
  let internal: http.Server;
  let internalUrl: string;
  let internalHits = 0;
  const seen: Array<{ url: string; authorization?: string; secret?: string; body: string }> = [];

  beforeEach(async () => {
    service = await startTestService();
    internalHits = 0;
    seen.length = 0;
    internal = http.createServer(async (request, response) => {
      internalHits++;
      seen.push({ url: request.url ?? '', authorization: request.headers.authorization, secret: request.headers['x-crm-secret'] as string | undefined, body: await readBody(request) });
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('INTERNAL-ADMIN-PANEL root password hunter2');
    });
    internalUrl = await listen(internal);
  });
  afterEach(async () => {
    await closeServer(internal);
    await service.close();
  });

  it('refuses a knowledge sync to a loopback site and does not echo what it answered', async () => {
    const set = await service.request('POST', '/v1/knowledge/sets', { name: 'Site', wordpress: { types: ['post'] } });
    const sync = await service.request('POST', `/v1/knowledge/sets/${set.body.knowledgeSet.id}/sync`, { siteUrl: internalUrl });
    expect(sync.status).toBe(502);
    expect(sync.text).toContain('loopback, private');
    expect(sync.text).not.toContain('hunter2');
    expect(internalHits).toBe(0);
  });

  it('does not echo the body of an allow-listed site that answers with an error', async () => {
    service.container.settings.set('delivery', { network: { allowHosts: [new URL(internalUrl).host] } });
    const set = await service.request('POST', '/v1/knowledge/sets', { name: 'Site', wordpress: { types: ['post'] } });
    const sync = await service.request('POST', `/v1/knowledge/sets/${set.body.knowledgeSet.id}/sync`, { siteUrl: internalUrl });
    expect(internalHits).toBe(1);
    expect(sync.status).toBe(502);
    expect(sync.text).not.toContain('hunter2');
  });

  it('refuses IPv6 forms that embed or imply an IPv4 address', () => {
    for (const address of ['2002:7f00:1::', '2002:a9fe:a9fe::1', '::7f00:1', '::127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:8.8.8.8', 'fec0::1', 'feff::1', '2001:0:4136:e378:8000:63bf:80ff:fffe', '2001::1', '::ffff:0:7f00:1', '2001:db8::1', '100::1']) {
      expect([address, isForbiddenAddress(address)]).toEqual([address, true]);
    }
    expect(isForbiddenAddress('2606:4700:4700::1111')).toBe(false);
    expect(isForbiddenAddress('2001:4860:4860::8888')).toBe(false); // a public 2001: address is not Teredo
    expect(isForbiddenAddress('8.8.8.8')).toBe(false);
  });

  it('refuses to carry Authorization, secret headers, URL credentials or a body to another origin on a redirect', async () => {
    const redirector = http.createServer((_request, response) => {
      response.writeHead(307, { location: `${internalUrl}/collect` });
      response.end();
    });
    const redirectorUrl = await listen(redirector);
    const send = createSafeHttpClient(() => ({ allowHosts: [new URL(redirectorUrl).host, new URL(internalUrl).host] }));
    await expect(send({ method: 'POST', url: redirectorUrl, headers: { Authorization: 'Bearer crm-key' } })).rejects.toMatchObject({ code: 'redirect_refused', message: expect.stringContaining('the Authorization header') });
    await expect(send({ method: 'POST', url: redirectorUrl, headers: { 'X-CRM-Secret': 's3cret' } })).rejects.toMatchObject({ code: 'redirect_refused' });
    await expect(send({ method: 'POST', url: redirectorUrl.replace('http://', 'http://user:pass@') })).rejects.toMatchObject({ message: expect.stringContaining('credentials in the URL') });
    await expect(send({ method: 'POST', url: redirectorUrl, body: '{"email":"ana@example.com"}' })).rejects.toMatchObject({ message: expect.stringContaining('the request body') });
    expect(seen).toEqual([]);
    // Nothing secret: the redirect is followed.
    await expect(send({ method: 'GET', url: redirectorUrl })).resolves.toMatchObject({ status: 500 });
    expect(seen).toHaveLength(1);
    await closeServer(redirector);
  });
});
