import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../fakes/openai-fake-server';
import { ROOT, SITE_ORIGIN, firstAgentId, startServiceProcess, visitorToken, type ServiceProcess } from '../support/service-process';

/**
 * Issue 15, the deploy files as far as this machine can run them: the systemd unit through
 * `systemd-analyze verify`; deploy/nginx.conf run by Debian's nginx (TLS with a throw-away
 * certificate, ports moved to free ones) and deploy/Caddyfile validated, then run over plain HTTP,
 * each in front of the real service process. Through each proxy: /health answers, and a chat answer
 * streams as it is made (the OpenAI fake paces its chunks): the first text arrives long before the
 * last. The configs switch buffering off, and the service also says so itself (`X-Accel-Buffering:
 * no`; Caddy flushes text/event-stream on its own), so this checks the whole path, not one line: an
 * nginx with `proxy_buffering on` still streams, because of the service's header.
 */
jest.setTimeout(120_000);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-deploy-'));
const HOST = 'agent.shop.example';
/** The fake sends 12 characters a chunk: about 42 chunks, 30 ms apart, so the answer takes over a second. */
const ANSWER = 'Affiliates earn ten percent on each sale. '.repeat(12);
const CHUNK_DELAY_MS = 30;

function requireTool(binary: string, aptPackage: string): string {
  for (const directory of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    const candidate = path.join(directory, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${binary} is not installed: apt-get install -y ${aptPackage} (CI installs it from .ci/apt-packages.txt).`);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the proxy did not listen on ${port}:\n${log()}`);
}

interface ProxyTarget {
  request: typeof http.request;
  base: { protocol: string; port: number; host: string; servername?: string; ca?: string };
}

/** One request through the proxy; `onChunk` sees the body as it arrives. */
function send(target: ProxyTarget, options: { method: string; path: string; headers?: Record<string, string>; body?: string; onChunk?: (text: string) => void }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = target.request(
      { ...target.base, host: '127.0.0.1', method: options.method, path: options.path, headers: { Host: target.base.host, ...(options.headers ?? {}) } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => {
          body += text;
          options.onChunk?.(text);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A paced chat answer through the proxy: when its first text and its end arrived. */
async function streamedTurn(target: ProxyTarget, agentId: string) {
  const headers = { Authorization: `Bearer ${visitorToken(agentId)}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN };
  const started = await send(target, { method: 'POST', path: `/v1/agents/${agentId}/conversations`, headers, body: JSON.stringify({ page: {} }) });
  expect(started.status).toBe(201);
  const conversationId = (JSON.parse(started.body) as { conversation: { id: string } }).conversation.id;
  const sentAt = Date.now();
  let firstTextAt = 0;
  const turn = await send(target, {
    method: 'POST',
    path: `/v1/conversations/${conversationId}/messages`,
    headers: { ...headers, Accept: 'text/event-stream' },
    body: JSON.stringify({ content: 'How much do affiliates earn?' }),
    onChunk: (text) => {
      if (!firstTextAt && text.includes('event: text-delta')) firstTextAt = Date.now();
    },
  });
  const endedAt = Date.now();
  expect(turn.status).toBe(200);
  expect(turn.body).toContain('event: message-end');
  return { firstTextMs: firstTextAt - sentAt, totalMs: endedAt - sentAt };
}

/**
 * Buffered, the first text would arrive with the last; streamed, it arrives in the first half (the
 * service's output guard holds back its first 96 characters, about a fifth of this answer).
 */
function expectStreamed(firstTextMs: number, totalMs: number) {
  expect(totalMs).toBeGreaterThan(ANSWER.length / 12 * CHUNK_DELAY_MS * 0.7);
  expect(firstTextMs).toBeLessThan(totalMs * 0.5);
}

describe('the deploy files', () => {
  let fake: FakeOpenAIServer;
  let service: ServiceProcess;
  let agentId: string;
  let servicePort: number;
  const proxies: ChildProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
    fake.setDefault({ text: ANSWER, chunkDelayMs: CHUNK_DELAY_MS });
    service = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], {
      AA_DATA_DIR: path.join(work, 'data'),
      AA_OPENAI_API_KEY: 'sk-fake',
      AA_OPENAI_BASE_URL: fake.baseUrl,
      AA_TRUSTED_PROXIES: '127.0.0.1',
    });
    servicePort = Number(new URL(service.url).port);
    agentId = await firstAgentId(service);
  });
  afterAll(async () => {
    for (const proxy of proxies) proxy.kill('SIGTERM');
    service?.child.kill('SIGTERM');
    await fake?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  function startProxy(binary: string, args: string[], name: string) {
    let log = '';
    const child = spawn(binary, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (log += chunk));
    child.stderr!.on('data', (chunk) => (log += chunk));
    proxies.push(child);
    return { child, log: () => `${name}: ${log}` };
  }

  it('the systemd unit passes systemd-analyze verify', () => {
    const analyze = requireTool('systemd-analyze', 'systemd');
    // verify also checks that ExecStart's binary exists; the unit names /usr/bin/node, which this machine has.
    const output = execFileSync(analyze, ['verify', path.join(ROOT, 'deploy/affiliate-agent.service')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output.trim()).toBe('');
  });

  it('nginx runs deploy/nginx.conf: HTTP redirects to HTTPS, /health answers over TLS, answers stream unbuffered', async () => {
    const nginx = requireTool('nginx', 'nginx');
    const openssl = requireTool('openssl', 'openssl');
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    execFileSync(openssl, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`, '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem')], { stdio: 'ignore' });
    // The example as shipped, with only what differs on a test machine replaced.
    const site = fs
      .readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
      .replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`)
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace(/^\s*listen \[::\]:.*$/gm, '')
      .replace(/\/etc\/letsencrypt\/live\/agent\.shop\.example\/fullchain\.pem/, path.join(work, 'cert.pem'))
      .replace(/\/etc\/letsencrypt\/live\/agent\.shop\.example\/privkey\.pem/, path.join(work, 'key.pem'))
      .replaceAll('127.0.0.1:8787', `127.0.0.1:${servicePort}`);
    expect(site).not.toContain('8787');
    const temp = (name: string) => path.join(work, name);
    fs.writeFileSync(
      temp('nginx-test.conf'),
      `pid ${temp('nginx.pid')};\nerror_log ${temp('nginx-error.log')} warn;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${temp('body')};\n  proxy_temp_path ${temp('proxy')};\n  fastcgi_temp_path ${temp('fastcgi')};\n  uwsgi_temp_path ${temp('uwsgi')};\n  scgi_temp_path ${temp('scgi')};\n${site}\n}\n`,
    );
    execFileSync(nginx, ['-t', '-q', '-p', work, '-c', temp('nginx-test.conf')], { stdio: 'pipe' });
    const proxy = startProxy(nginx, ['-p', work, '-c', temp('nginx-test.conf'), '-g', 'daemon off;'], 'nginx');
    await waitForPort(httpsPort, proxy.child, proxy.log);

    const plain: ProxyTarget = { request: http.request, base: { protocol: 'http:', port: httpPort, host: HOST } };
    const redirect = await send(plain, { method: 'GET', path: '/health' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://${HOST}/health`);

    const tls: ProxyTarget = { request: https.request, base: { protocol: 'https:', port: httpsPort, host: HOST, servername: HOST, ca: fs.readFileSync(temp('cert.pem'), 'utf8') } };
    const health = await send(tls, { method: 'GET', path: '/health' });
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');

    const { firstTextMs, totalMs } = await streamedTurn(tls, agentId);
    expectStreamed(firstTextMs, totalMs);
  });

  it('Caddy validates deploy/Caddyfile and, run over HTTP, streams answers unbuffered', async () => {
    const caddy = requireTool('caddy', 'caddy');
    const shipped = path.join(ROOT, 'deploy/Caddyfile');
    // Validation adapts and provisions every module without starting servers or asking for a certificate.
    execFileSync(caddy, ['validate', '--adapter', 'caddyfile', '--config', shipped], { cwd: work, stdio: 'pipe', env: { ...process.env, HOME: work, XDG_DATA_HOME: work, XDG_CONFIG_HOME: work } });

    const port = await freePort();
    const runnable = `{\n\tadmin off\n\tauto_https off\n}\n${fs
      .readFileSync(shipped, 'utf8')
      .replace(`${HOST} {`, `http://${HOST}:${port} {`)
      .replaceAll('127.0.0.1:8787', `127.0.0.1:${servicePort}`)}`;
    fs.writeFileSync(path.join(work, 'Caddyfile'), runnable);
    const proxy = startProxy(caddy, ['run', '--adapter', 'caddyfile', '--config', path.join(work, 'Caddyfile')], 'caddy');
    await waitForPort(port, proxy.child, proxy.log);

    const target: ProxyTarget = { request: http.request, base: { protocol: 'http:', port, host: `${HOST}:${port}` } };
    expect((await send(target, { method: 'GET', path: '/health' })).status).toBe(200);
    expect((await send(target, { method: 'GET', path: '/metrics' })).status).toBe(404);
    const { firstTextMs, totalMs } = await streamedTurn(target, agentId);
    expectStreamed(firstTextMs, totalMs);
  });
});
