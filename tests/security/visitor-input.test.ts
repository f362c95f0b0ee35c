import { startTestService, type TestService } from '../support/signed-client';
import { Visitor, setUpAgent } from '../../server/test/conversations/support/chat-client';
import { safeHttpUrl } from '../../server/src/contract/safe-url';
import { leadsToCsv } from '../../server/src/leads/csv-export';
import { textToHtml } from '../../server/src/connectors/email-templates';
import type { Lead } from '../../server/src/contract/lead-types';

/**
 * Review findings 1 (service half) and 8, against the real service over HTTP on a real SQLite file:
 * a visitor's page URL never keeps a non-http(s) scheme, and an agent that was switched off stops
 * answering conversations that were already open.
 */
describe('security: visitor input and switched-off agents', () => {
  jest.setTimeout(30_000);
  let service: TestService;
  beforeEach(async () => {
    // The preview on, so the check below that its token route mints nothing for a disabled agent means something.
    service = await startTestService({ environment: { AA_PREVIEW: 'on' } });
  });
  afterEach(async () => {
    await service.close();
  });

  /** What the visitor's page data left in the stored source; `clientKey` is the service's own (mail caps), checked apart. */
  const storedSource = (conversationId: string) => {
    const { clientKey, ...fromVisitor } = JSON.parse((service.container.db.prepare('SELECT source FROM conversations WHERE id = ?').get(conversationId) as { source: string }).source);
    expect(clientKey).toMatch(/^[0-9a-f]{32}$/);
    return fromVisitor;
  };

  it('drops javascript:, data: and relative page URLs at the boundary, and keeps http(s) ones', async () => {
    const agentId = await setUpAgent(service);
    const attacker = new Visitor(service, agentId);
    await attacker.start({ url: 'javascript:fetch("/wp-admin/user-new.php")', referrer: ' JaVaScRiPt:alert(1)' });
    expect(storedSource(attacker.conversationId)).toEqual({});

    for (const url of ['data:text/html,<script>alert(1)</script>', '//evil.example/x', '/relative', 'java\tscript:alert(1)', 'https:evil.example']) {
      const visitor = new Visitor(service, agentId);
      await visitor.start({ url });
      expect([url, storedSource(visitor.conversationId).url]).toEqual([url, undefined]);
    }

    const honest = new Visitor(service, agentId);
    await honest.start({ url: 'https://shop.example/partners?x=1', referrer: 'http://www.google.com/' });
    expect(storedSource(honest.conversationId)).toEqual({ url: 'https://shop.example/partners?x=1', referrer: 'http://www.google.com/' });
  });

  it('turns only http(s) URLs into links in emails and CSV cells, with one shared rule', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('https://shop.example/a b')).toBeNull();
    expect(safeHttpUrl('HTTPS://Shop.example/p')).toBe('https://shop.example/p');
    const html = textToHtml('See https://shop.example/"onmouseover="alert(1) and javascript:alert(2)');
    expect(html).not.toMatch(/href="[^"]*"on/);
    expect(html).not.toContain('href="javascript');
    const lead = { id: 'led_1', createdAt: '', agentId: 'agt_1', actionKey: 'apply', actionVersion: 1, name: 'A', email: 'a@b.c', score: 0, route: 'review', status: 'new', tags: [], fields: {}, source: { pageUrl: 'javascript:alert(1)', referrer: 'https://ok.example/' } } as unknown as Lead;
    const row = [...leadsToCsv([lead], [])][1];
    expect(row).not.toContain('javascript');
    expect(row).toContain('"https://ok.example/"');
  });

  it('answers messages to an existing conversation of a switched-off agent with 409 agent_disabled', async () => {
    const agentId = await setUpAgent(service);
    const visitor = new Visitor(service, agentId);
    await visitor.start({ url: 'https://shop.example/' });
    expect((await visitor.say('hello')).status).toBe(200);

    expect((await service.request('PATCH', `/v1/agents/${agentId}`, { enabled: false })).status).toBe(200);
    const refused = await visitor.say('I want to apply, my email is ana@example.com', { accept: 'application/json' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('agent_disabled');
    expect(service.container.db.prepare('SELECT COUNT(*) AS n FROM leads').get()).toEqual({ n: 0 });

    // The preview's token route mints nothing for it either.
    const session = await service.raw('POST', `/preview/${agentId}/session`);
    expect(session.status).not.toBe(200);
    expect(await session.text()).not.toContain('token":"');
  });
});
