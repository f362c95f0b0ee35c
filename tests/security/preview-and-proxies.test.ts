import { seedExampleIfEmpty } from '../../server/src/seed/seed-example';
import { loadConfig } from '../../server/src/config/config';
import { startTestService, type TestService } from '../support/signed-client';
import { SITE_ORIGIN, visitorToken } from '../../server/test/conversations/support/chat-client';

/**
 * Review finding 7: the preview page was open to the internet (with AA_PUBLIC_URL unset it listed every
 * agent, disabled ones too, and minted visitor tokens without WordPress), and with 'trust proxy' set to
 * loopback every visitor behind a local proxy counted as one client for the rate limits.
 */
describe('security: the preview page and client addresses', () => {
  jest.setTimeout(60_000);

  describe('by default (AA_PREVIEW unset)', () => {
    let service: TestService;
    let agentId: string;
    beforeAll(async () => {
      service = await startTestService();
      agentId = seedExampleIfEmpty(service.container)!.agentId;
    });
    afterAll(() => service.close());

    it('answers 404 on every preview route and mints nothing', async () => {
      for (const [method, path] of [['GET', '/preview'], ['GET', `/preview/${agentId}`], ['POST', `/preview/${agentId}/session`]]) {
        const response = await service.raw(method, path, method === 'POST' ? { headers: { 'Content-Type': 'application/json' }, body: '{}' } : {});
        expect(response.status).toBe(404);
        const text = await response.text();
        expect(text).toContain('route_not_found');
        expect(text).not.toContain('token');
        // Nothing about the agent either: the 404 only repeats the path that was asked for.
        expect(text).not.toContain('Example');
      }
    });
  });

  describe('with AA_PREVIEW=on', () => {
    let service: TestService;
    let enabledId: string;
    let disabledId: string;
    beforeAll(async () => {
      service = await startTestService({ environment: { AA_PREVIEW: 'on' } });
      enabledId = seedExampleIfEmpty(service.container)!.agentId;
      disabledId = (await service.request('POST', '/v1/agents', { name: 'Retired assistant' })).body.agent.id;
      expect((await service.request('PATCH', `/v1/agents/${disabledId}`, { enabled: false })).status).toBe(200);
    });
    afterAll(() => service.close());

    it('never lists, shows or mints for a disabled agent', async () => {
      const list = await (await service.raw('GET', '/preview')).text();
      expect(list).toContain(enabledId);
      expect(list).not.toContain(disabledId);
      expect(list).not.toContain('Retired assistant');
      expect((await service.raw('GET', `/preview/${disabledId}`)).status).toBe(404);
      const session = await service.raw('POST', `/preview/${disabledId}/session`, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(session.status).toBe(404);
      expect(await session.text()).not.toContain('token');
    });
  });

  describe('client addresses and rate limits', () => {
    const startConversation = (service: TestService, agentId: string, forwardedFor?: string) =>
      service.raw('POST', `/v1/agents/${agentId}/conversations`, {
        headers: { Authorization: `Bearer ${visitorToken(agentId)}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN, ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
        body: '{}',
      });

    async function serviceWith(environment: Record<string, string>) {
      const service = await startTestService({ environment });
      service.container.chat.limits.conversationsPerIpPerMinute = 3;
      const agentId = (await service.request('POST', '/v1/agents', { name: 'Assistant', allowedOrigins: [SITE_ORIGIN] })).body.agent.id as string;
      return { service, agentId };
    }

    it('trusts no X-Forwarded-For by default: a client cannot pick a fresh rate-limit bucket', async () => {
      const { service, agentId } = await serviceWith({});
      try {
        const statuses = [];
        for (let index = 0; index < 5; index++) statuses.push((await startConversation(service, agentId, `198.51.100.${index}`)).status);
        expect(statuses).toEqual([201, 201, 201, 429, 429]);
      } finally {
        await service.close();
      }
    });

    it('with AA_TRUSTED_PROXIES naming the proxy, limits key on each real client behind it', async () => {
      const { service, agentId } = await serviceWith({ AA_TRUSTED_PROXIES: 'loopback' });
      try {
        const first = [];
        for (let index = 0; index < 4; index++) first.push((await startConversation(service, agentId, '203.0.113.7')).status);
        expect(first).toEqual([201, 201, 201, 429]);
        // Another visitor behind the same proxy has a bucket of their own.
        expect((await startConversation(service, agentId, '203.0.113.8')).status).toBe(201);
      } finally {
        await service.close();
      }
    });

    it('refuses a trusted-proxy entry that is not an address, a range or a known name, naming what is accepted', () => {
      expect(() => loadConfig({ AA_TRUSTED_PROXIES: '127.0.0.1,nginx' })).toThrow(/AA_TRUSTED_PROXIES: each entry must be an IP address, a CIDR range \(10\.0\.0\.0\/8\) or one of loopback, linklocal, uniquelocal/);
      expect(loadConfig({ AA_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8, ::1, loopback' }).trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
      expect(loadConfig({}).trustedProxies).toEqual([]);
      expect(() => loadConfig({ AA_PREVIEW: 'yes' })).toThrow(/AA_PREVIEW: expected on or off/);
    });
  });
});
