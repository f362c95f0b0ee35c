import http from 'node:http';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/fakes/webhook-receiver';
import { isForbiddenAddress, resolveSafeAddress, type Resolver } from '../../src/connectors/ssrf-guard';
import { createSafeHttpClient } from '../../src/connectors/safe-http';
import { applicationWith, startOutboxService, STANDARD_APPLICANT, WEBHOOK_SECRET, type OutboxService } from '../outbox/outbox-harness';

/** A resolver standing in for DNS: names a test controls, pointing wherever the attack needs. */
const fakeDns: Resolver = async (hostname) => {
  const table: Record<string, Array<{ address: string; family: 4 | 6 }>> = {
    'loopback.attacker.test': [{ address: '127.0.0.1', family: 4 }],
    'private.attacker.test': [{ address: '10.1.2.3', family: 4 }],
    'metadata.attacker.test': [{ address: '169.254.169.254', family: 4 }],
    'v6.attacker.test': [{ address: '::1', family: 6 }],
    'mixed.attacker.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '192.168.1.10', family: 4 },
    ],
    'crm.example': [{ address: '93.184.216.34', family: 4 }],
  };
  const answer = table[hostname];
  if (!answer) throw new Error(`ENOTFOUND ${hostname}`);
  return answer;
};

describe('the SSRF guard', () => {
  it('knows loopback, private, link-local, metadata and IPv6 special addresses', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fc12::3', 'fe80::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe']) {
      expect([address, isForbiddenAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1']) {
      expect([address, isForbiddenAddress(address)]).toEqual([address, false]);
    }
  });

  it('refuses literal and resolved forbidden addresses, and lets an allow-listed host through', async () => {
    const policy = { allowHosts: [], resolver: fakeDns };
    for (const url of ['http://127.0.0.1/', 'http://10.0.0.8/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/', 'http://loopback.attacker.test/', 'http://private.attacker.test/', 'http://metadata.attacker.test/', 'http://v6.attacker.test/', 'http://mixed.attacker.test/']) {
      await expect(resolveSafeAddress(new URL(url), policy)).rejects.toMatchObject({ code: 'ssrf_refused' });
    }
    await expect(resolveSafeAddress(new URL('https://crm.example/hook'), policy)).resolves.toMatchObject({ address: '93.184.216.34', allowListed: false });
    await expect(resolveSafeAddress(new URL('http://loopback.attacker.test/'), { ...policy, allowHosts: ['loopback.attacker.test'] })).resolves.toMatchObject({ allowListed: true });
    await expect(resolveSafeAddress(new URL('file:///etc/passwd'), policy)).rejects.toMatchObject({ code: 'ssrf_refused' });
  });

  it('checks every redirect: an allowed host redirecting to loopback or the metadata address is refused', async () => {
    const receiver = await startWebhookReceiver();
    const redirector = http.createServer((request, response) => {
      response.writeHead(307, { location: request.url === '/to-metadata' ? 'http://169.254.169.254/latest/meta-data/' : `${receiver.url}/stolen` });
      response.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', () => resolve()));
    const port = (redirector.address() as { port: number }).port;
    // Only the redirector's host:port is allowed; the receiver on another port is not.
    const send = createSafeHttpClient(() => ({ allowHosts: [`127.0.0.1:${port}`], resolver: fakeDns }));
    await expect(send({ method: 'POST', url: `http://127.0.0.1:${port}/to-loopback`, body: '{}' })).rejects.toMatchObject({ code: 'ssrf_refused' });
    await expect(send({ method: 'POST', url: `http://127.0.0.1:${port}/to-metadata`, body: '{}' })).rejects.toMatchObject({ code: 'ssrf_refused' });
    expect(receiver.all).toHaveLength(0);
    redirector.closeAllConnections();
    await new Promise<void>((resolve) => redirector.close(() => resolve()));
    await receiver.close();
  });
});

describe('POST /v1/actions/test-webhook', () => {
  let service: OutboxService;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    service = await startOutboxService({ resolver: fakeDns });
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    await service.configure({ webhooks: { signingSecret: WEBHOOK_SECRET } });
  });
  afterEach(async () => {
    await service.close();
    await receiver.close();
  });

  it('refuses loopback, 10/8, the metadata address, IPv6 loopback and names resolving to them', async () => {
    for (const url of [`${receiver.url}/hook`, 'http://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/hook', 'http://loopback.attacker.test/hook', 'http://metadata.attacker.test/']) {
      const response = await service.request('POST', '/v1/actions/test-webhook', { url, headers: [] });
      expect([url, response.status, response.body.error?.code]).toEqual([url, 400, 'ssrf_refused']);
    }
    expect(receiver.all).toHaveLength(0);
  });

  it('sends a signed sample event with custom headers once the owner allows the host', async () => {
    await service.configure({ network: { allowHosts: ['127.0.0.1'] } });
    const response = await service.request('POST', '/v1/actions/test-webhook', { url: `${receiver.url}/hook`, headers: { Authorization: 'Bearer t0k' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, response: { status: 200 }, error: null });
    const hook = receiver.all[0];
    expect(hook).toMatchObject({ validSignature: true, id: response.body.webhookId, payload: { type: 'test', data: { lead: { email: 'jane@example.com' } } } });
    expect(hook.headers.authorization).toBe('Bearer t0k');
    expect(hook.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it('sends the stored header value when the builder sends back the masked one it was shown', async () => {
    await service.configure({ network: { allowHosts: ['127.0.0.1'] } });
    const definition = applicationWith([{ id: 'crm', type: 'webhook', config: { url: `${receiver.url}/hook`, headers: [{ name: 'Authorization', value: 'Bearer stored-crm-token-77' }] } }], { replaceSteps: true });
    const created = await service.request('POST', `/v1/agents/${service.agentId}/actions`, { definition });
    const shownHeaders = created.body.action.draft.definition.steps[0].config.headers;
    expect(shownHeaders[0].value).toBe('••••n-77');
    const response = await service.request('POST', '/v1/actions/test-webhook', { url: `${receiver.url}/hook`, headers: shownHeaders, actionId: created.body.action.id, stepId: 'crm' });
    expect(response.body).toMatchObject({ ok: true });
    expect(receiver.all[0].headers.authorization).toBe('Bearer stored-crm-token-77');
  });

  it('reports a failing endpoint without throwing, and needs aa_manage_agents', async () => {
    await service.configure({ network: { allowHosts: ['127.0.0.1'] } });
    receiver.script(500);
    const failing = await service.request('POST', '/v1/actions/test-webhook', { url: `${receiver.url}/hook` });
    expect(failing.body).toMatchObject({ ok: false, response: { status: 500 }, error: expect.stringContaining('HTTP 500') });
    const forbidden = await service.request('POST', '/v1/actions/test-webhook', { url: `${receiver.url}/hook` }, { capabilities: ['aa_review_leads'] });
    expect(forbidden.status).toBe(403);
    const invalid = await service.request('POST', '/v1/actions/test-webhook', { url: 'ftp://example.com' });
    expect(invalid.status).toBe(400);
  });

  it('refuses a lead\'s webhook step whose host resolves to a private address, as a failed delivery the owner can see', async () => {
    const definition = applicationWith([{ id: 'crm', type: 'webhook', config: { url: 'https://metadata.attacker.test/latest/meta-data/' } }], { replaceSteps: true });
    const { lead } = service.submit(definition, STANDARD_APPLICANT);
    await service.deliver();
    expect(service.container.outbox.ledger(lead.id).deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('169.254.169.254') });
  });
});
