import { verifyVisitorToken } from '../../src/security/tokens';
import { seedExampleIfEmpty } from '../../src/seed/seed-example';
import { startTestService, TEST_SECRET, type TestService } from '../../../tests/support/signed-client';

/**
 * The preview page ("try it in one command"): the real service in-process on a temporary
 * database, the real built widget bundles, and a conversation through the preview's hand-off.
 */
let service: TestService;
let agentId: string;

beforeAll(async () => {
  service = await startTestService({ environment: { AA_PREVIEW: 'on' } });
  agentId = seedExampleIfEmpty(service.container)!.agentId;
}, 60_000);

afterAll(() => service.close());

async function previewSession(headers: Record<string, string> = {}) {
  return service.raw('POST', `/preview/${agentId}/session`, {
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ agentId }),
  });
}

describe('the preview page', () => {
  test('serves a page with the chat block markup, the launcher and its stylesheet, and no token', async () => {
    const response = await service.raw('GET', `/preview/${agentId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('class="wp-block-affiliate-agent-chat is-inline');
    expect(html).toContain('data-aa-instance="aa-chat-preview"');
    expect(html).not.toContain('data-widget-url');
    expect(html).toContain(`"agentId":"${agentId}"`);
    expect(html).toContain(`"sessionUrl":"/preview/${agentId}/session"`);
    expect(html).toMatch(/<script src="\/widget\/launcher\.js\?ver=\d+" defer><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/widget\/style-index\.css\?ver=\d+">/);
    expect(html).not.toMatch(/eyJ[\w-]{20,}\./); // no base64url JSON token anywhere in the page
  }, 60_000);

  test('offers the floating bubble and right-to-left layouts by query', async () => {
    const html = await (await service.raw('GET', `/preview/${agentId}?mode=floating&dir=rtl`)).text();
    expect(html).toContain('is-floating');
    expect(html).toContain('<html lang="en" dir="rtl">');
    expect(html).toContain('aria-label="Open chat"');
  });

  test('answers 404 for an unknown agent', async () => {
    const response = await service.raw('GET', '/preview/agt_missing');
    expect(response.status).toBe(404);
  });

  test('serves the built launcher, widget and stylesheet, and nothing else from the build', async () => {
    for (const [file, type] of [
      ['launcher.js', 'text/javascript'],
      ['widget.js', 'text/javascript'],
      ['style-index.css', 'text/css'],
    ]) {
      const response = await service.raw('GET', `/widget/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect((await response.text()).length).toBeGreaterThan(500);
    }
    expect((await service.raw('GET', '/widget/render.php')).status).toBe(404);
    expect((await service.raw('GET', '/widget/block.json')).status).toBe(404);
  });

  test('mints a one-hour visitor token for the service’s own origin', async () => {
    const response = await previewSession();
    expect(response.status).toBe(200);
    const body = ((await response.json()) as any);
    expect(body).toMatchObject({ agentId, serviceUrl: service.url });
    const token = verifyVisitorToken(TEST_SECRET, body.token);
    expect(token).toMatchObject({ kind: 'visitor', agent: agentId, origin: service.url });
    expect(token.exp - token.iat).toBe(3600);
    expect(Date.parse(body.expiresAt)).toBe(token.exp * 1000);
  });
});

describe('a conversation from the preview page', () => {
  test('starts with the agent greeting and streams an answer, as the widget does from the page', async () => {
    const { token, serviceUrl } = ((await (await previewSession()).json()) as any);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: service.url };

    const started = await fetch(`${serviceUrl}/v1/agents/${agentId}/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ page: { url: `${service.url}/preview/${agentId}?utm_source=test`, utm: { source: 'test' } } }),
    });
    expect(started.status).toBe(201);
    const { conversation, messages } = ((await started.json()) as any);
    expect(messages[0]).toMatchObject({ role: 'assistant', content: expect.stringContaining('affiliate program') });

    const answer = await fetch(`${serviceUrl}/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { ...headers, Accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'What commission do you pay?', clientMessageId: 'cm_preview_1' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const stream = await answer.text();
    expect(stream).toContain('event: message-start');
    expect(stream).toContain('event: text-delta');
    expect(stream).toContain('event: message-end');
  }, 30_000);

  test('still refuses a cross-origin page: only the service\'s own origin counts as same-origin', async () => {
    const { token, serviceUrl } = ((await (await previewSession()).json()) as any);
    const response = await fetch(`${serviceUrl}/v1/agents/${agentId}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});

describe('who may use the preview', () => {
  test('when the service is published (AA_PUBLIC_URL), only loopback callers get preview tokens', async () => {
    const published = await startTestService({ environment: { AA_PREVIEW: 'on', AA_PUBLIC_URL: 'https://agent.shop.example', AA_TRUSTED_PROXIES: 'loopback' } });
    try {
      const agent = seedExampleIfEmpty(published.container)!.agentId;
      const fromLoopback = await published.raw('POST', `/preview/${agent}/session`, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(fromLoopback.status).toBe(200);
      // Through a reverse proxy on the same machine, the visitor's address is the one that counts.
      const fromTheInternet = await published.raw('POST', `/preview/${agent}/session`, {
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9' },
        body: '{}',
      });
      expect(fromTheInternet.status).toBe(403);
      expect((((await fromTheInternet.json()) as any)).error.code).toBe('preview_forbidden');
      expect((await published.raw('GET', `/preview/${agent}`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(403);
    } finally {
      await published.close();
    }
  });
});
