import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { signRequest } from '../../server/src/security/request-signing';
import { ADMIN_CAPABILITIES, TEST_SECRET } from '../support/signed-client';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * Review finding 4: a published post of `'<nav>x '` × 128k (≈900 KB) took 72–84 s to index and
 * /health waited 70–82 s, because quadratic regular expressions ran on the main thread. Now the text
 * comes from htmlparser2's linear tokenizer, off the main thread for large pages, with a size limit.
 * The post arrives as the plugin pushes it on save (signed, over HTTP) to the service running as its own
 * process (so the test's own work does not share its event loop); /health is polled meanwhile.
 */
describe('security: pathological HTML from a post author', () => {
  jest.setTimeout(120_000);
  let service: ServiceProcess;
  let setId: string;
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-html-'));

  beforeAll(async () => {
    service = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], { AA_DATA_DIR: dataDirectory });
    setId = (await service.admin('POST', '/v1/knowledge/sets', { name: 'Site', wordpress: { types: ['post'] } })).body.knowledgeSet.id;
  });
  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  /** Pushes a post while polling /health; returns how long the push took and the slowest /health answer. */
  async function pushWhilePolling(id: number, html: string) {
    // Signed and serialised up front: while the service indexes, this process only polls.
    const body = JSON.stringify({
      event: 'saved',
      item: { id, type: 'post', title: `Post ${id}`, url: `https://shop.example/?p=${id}`, content_html: html, modified_gmt: '2026-12-01 10:00:00' },
    });
    const headers = { ...signRequest(TEST_SECRET, { method: 'POST', pathWithQuery: '/v1/knowledge/wordpress/push', body, userId: 1, capabilities: ADMIN_CAPABILITIES }), 'Content-Type': 'application/json' };
    const healthTimes: number[] = [];
    let pushing = true;
    const poll = (async () => {
      while (pushing) {
        const started = performance.now();
        const health = await fetch(`${service.url}/health`);
        await health.arrayBuffer();
        healthTimes.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // Let the poller connect before the big request starts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const answer = await fetch(`${service.url}/v1/knowledge/wordpress/push`, { method: 'POST', headers, body });
    const push = { status: answer.status, body: await answer.json() };
    const pushMs = performance.now() - started;
    pushing = false;
    await poll;
    if (process.env.AA_TEST_VERBOSE) console.log(id, Math.round(pushMs), healthTimes.map(Math.round).join(" "));
    // The median: on a shared, oversubscribed machine (load 13 on 2 cores at times) the OS deschedules any
    // process now and then, so single answers can be slow for reasons outside the service. A held event
    // loop delays every /health answer during the push instead (before the fix: one answer, 70 s late), so
    // the slowest answer is bounded too. The in-process maximum event-loop delay is what
    // tests/bench/event-loop-bench.ts prints.
    const sorted = [...healthTimes].sort((a, b) => a - b);
    return { push, pushMs, healthTimes, medianHealthMs: sorted[Math.floor(sorted.length / 2)], slowestHealthMs: sorted[sorted.length - 1] };
  }

  it("indexes the reviewer's '<nav>x ' × 128k post in bounded time while /health keeps answering within 50 ms (median)", async () => {
    const html = '<nav>x '.repeat(128_000);
    expect(html.length).toBeGreaterThan(890_000);
    const { push, pushMs, healthTimes, medianHealthMs, slowestHealthMs } = await pushWhilePolling(1, html);
    expect(push.status).toBe(200);
    expect(push.body.outcomes[setId]).toBeDefined();
    // Before the fix: 72–84 s. Linear extraction in a worker takes well under a second; 10 s is the bound.
    expect(pushMs).toBeLessThan(10_000);
    expect(healthTimes.length).toBeGreaterThan(5);
    expect(medianHealthMs).toBeLessThan(50);
    expect(slowestHealthMs).toBeLessThan(2_000);
  });

  it('stays linear on deep nesting with unmatched close tags and on huge attribute lists', async () => {
    for (const [id, html] of [
      [2, '<div>'.repeat(64_000) + '</span>'.repeat(64_000) + '<p>Cookies last 45 days.</p>'],
      [3, '<p ' + 'role="x" '.repeat(80_000) + '>Payouts are monthly.</p>'],
      [4, '<h2>'.repeat(100_000) + 'Heading'],
    ] as const) {
      // Each is indexed in well under a second (the same inputs through htmlparser2's Parser: 7–45 s).
      const { push, pushMs } = await pushWhilePolling(id, html);
      expect(push.status).toBe(200);
      expect(pushMs).toBeLessThan(10_000);
    }
  });

  it('refuses HTML above AA_KNOWLEDGE_MAX_HTML_BYTES with a clear error and stores nothing', async () => {
    const sources = async () => ((await service.admin('GET', `/v1/knowledge/sets/${setId}/sources`)).body.sources as unknown[]).length;
    const before = await sources();
    const html = `<html><body>${'<p>Payouts are monthly.</p>'.repeat(100_000)}</body></html>`; // 2.7 MB
    const upload = await service.admin('POST', `/v1/knowledge/sets/${setId}/files`, { filename: 'huge.html', contentType: 'text/html', contentBase64: Buffer.from(html).toString('base64') });
    expect(upload.status).toBe(413);
    expect(upload.body.error.code).toBe('content_too_large');
    expect(upload.body.error.message).toMatch(/2\.6 MiB of HTML; the service indexes HTML up to 2\.0 MiB \(AA_KNOWLEDGE_MAX_HTML_BYTES\)/);
    expect(await sources()).toBe(before);
  });
});
