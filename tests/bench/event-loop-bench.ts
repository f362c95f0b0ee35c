/**
 * How long the service's event loop is held while it indexes big or pathological HTML and while it
 * chats (security review, finding 4: no request may hold the loop for more than 50 ms). The real app
 * runs in-process on a temporary database; perf_hooks.monitorEventLoopDelay samples the loop every
 * 5 ms while each scenario runs. Request bodies are built and signed before measuring, so the client's
 * own work stays out of the figures as far as it can in one process. Prints figures, asserts nothing.
 *
 *   npx tsx tests/bench/event-loop-bench.ts
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { signRequest } from '../../server/src/security/request-signing';
import { mintToken } from '../../server/src/security/tokens';
import { seedExampleIfEmpty } from '../../server/src/seed/seed-example';
import { ADMIN_CAPABILITIES, startTestService, TEST_SECRET, type TestService } from '../support/signed-client';

const SITE = 'https://shop.example';

function signedPush(id: number, html: string) {
  const body = JSON.stringify({ event: 'saved', item: { id, type: 'post', title: `Post ${id}`, url: `${SITE}/?p=${id}`, content_html: html, modified_gmt: '2026-12-01 10:00:00' } });
  const headers = { ...signRequest(TEST_SECRET, { method: 'POST', pathWithQuery: '/v1/knowledge/wordpress/push', body, userId: 1, capabilities: ADMIN_CAPABILITIES }), 'Content-Type': 'application/json' };
  return { body, headers };
}

async function measure(label: string, run: () => Promise<void>): Promise<void> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  // Settle first: earlier scenarios' garbage and timers should not count here.
  await new Promise((resolve) => setTimeout(resolve, 200));
  histogram.enable();
  const started = performance.now();
  await run();
  const elapsed = performance.now() - started;
  histogram.disable();
  const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
  console.log(`${label.padEnd(58)} ${elapsed.toFixed(0).padStart(6)} ms   loop delay max ${ms(histogram.max).padStart(6)} ms   p99 ${ms(histogram.percentile(99)).padStart(5)} ms   mean ${ms(Number.isNaN(histogram.mean) ? 0 : histogram.mean)} ms`);
}

async function push(service: TestService, id: number, html: string): Promise<void> {
  const { body, headers } = signedPush(id, html);
  const response = await fetch(`${service.url}/v1/knowledge/wordpress/push`, { method: 'POST', headers, body });
  if (response.status !== 200) throw new Error(`push ${id} → ${response.status} ${await response.text()}`);
}

async function main(): Promise<void> {
  const service = await startTestService();
  try {
    await service.request('POST', '/v1/knowledge/sets', { name: 'Site', wordpress: { types: ['post'] } });
    const agentId = seedExampleIfEmpty(service.container)!.agentId;
    await service.request('PATCH', `/v1/agents/${agentId}`, { allowedOrigins: [SITE] });
    // Warm-up: the extraction worker starts on the first large page.
    await push(service, 999, `<p>${'warm up '.repeat(20_000)}</p>`);

    console.log(`event-loop delay while the service works (${process.version}, ${new Date().toISOString()})`);
    await measure("pathological post: '<nav>x ' × 128k (896 KB)", () => push(service, 1, '<nav>x '.repeat(128_000)));
    await measure("nesting: '<div>' × 64k + '</span>' × 64k (768 KB)", () => push(service, 2, '<div>'.repeat(64_000) + '</span>'.repeat(64_000)));
    const bigPage = Array.from({ length: 3000 }, (_, index) => `<h2>Section ${index}</h2><p>Affiliates earn commission on every sale; cookies last 45 days and payouts run monthly, section ${index}.</p><ul><li>One</li><li>Two</li></ul>`).join('');
    // Its extraction runs in the worker; its 3000 chunks are then written on the main thread (source-indexer).
    await measure(`big real page: ${Math.round(bigPage.length / 1024)} KB, 3000 headed sections`, () => push(service, 3, bigPage));
    await measure('small post (8 KB, extracted inline)', () => push(service, 4, `<p>${'Payouts are monthly. '.repeat(400)}</p>`));

    const token = mintToken(TEST_SECRET, { v: 1, kind: 'visitor', agent: agentId, visitor: 'vis_bench', origin: SITE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: SITE, Accept: 'application/json' };
    const started = await fetch(`${service.url}/v1/agents/${agentId}/conversations`, { method: 'POST', headers, body: '{}' });
    const conversationId = ((await started.json()) as { conversation: { id: string } }).conversation.id;
    const questions = ['What commission do you pay?', 'How long do cookies last?', 'When are payouts?', 'Can I promote on YouTube?', 'How do I apply?'];
    await measure('chatting: 10 turns (offline engine, knowledge retrieval)', async () => {
      for (let turn = 0; turn < 10; turn++) {
        const response = await fetch(`${service.url}/v1/conversations/${conversationId}/messages`, { method: 'POST', headers, body: JSON.stringify({ content: questions[turn % questions.length] }) });
        await response.text();
      }
    });
    await measure('chatting while the pathological post indexes', async () => {
      const indexing = push(service, 5, '<nav>y '.repeat(128_000));
      for (let turn = 0; turn < 5; turn++) {
        const response = await fetch(`${service.url}/v1/conversations/${conversationId}/messages`, { method: 'POST', headers, body: JSON.stringify({ content: questions[turn] }) });
        await response.text();
      }
      await indexing;
    });
  } finally {
    await service.close();
  }
}

void main();
