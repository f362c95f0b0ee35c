import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chatTurn, firstAgentId, ROOT, startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * `npm run build:service` produces a bundle that production runs with plain `node` (no tsx, no
 * TypeScript): it starts, answers /health, and holds a chat turn with the offline engine.
 */
jest.setTimeout(180_000);

describe('the compiled service bundle', () => {
  // Inside the checkout, as in production: the bundle finds better-sqlite3 in node_modules above it.
  const out = path.join(ROOT, 'dist', `test-bundle-${process.pid}`);
  const bundle = path.join(out, 'service');
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-bundle-data-'));
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('builds main.js and the two worker scripts', () => {
    execFileSync(process.execPath, ['scripts/build-service.mjs', '--out', bundle], { cwd: ROOT, stdio: 'pipe' });
    for (const file of ['main.js', 'retrieval-worker.js', 'pdf-worker.js', 'html-to-text-worker.js']) expect(fs.existsSync(path.join(bundle, file))).toBe(true);
    // Nothing in the bundle asks for TypeScript tooling at run time.
    expect(fs.readFileSync(path.join(bundle, 'main.js'), 'utf8')).not.toMatch(/require\("tsx"\)/);
  });

  it('starts with plain node, reports healthy and answers a visitor', async () => {
    service = await startServiceProcess([path.join(bundle, 'main.js')], { AA_DATA_DIR: dataDirectory });
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });

    const turn = await chatTurn(service.url, await firstAgentId(service), 'How much commission do affiliates earn?');
    expect(turn.status).toBe(200);
    expect(turn.eventTypes).toContain('text-delta');
    expect(turn.eventTypes[turn.eventTypes.length - 1]).toBe('message-end');
    expect(turn.reply.length).toBeGreaterThan(0);
  });

  it('retrieves knowledge through the bundled retrieval worker thread', async () => {
    const set = await service!.admin('POST', '/v1/knowledge/sets', { name: 'Program FAQ' });
    expect(set.status).toBe(201);
    const setId = set.body.knowledgeSet.id as string;
    const faq = await service!.admin('POST', `/v1/knowledge/sets/${setId}/sources`, { kind: 'faq', question: 'When are payouts sent?', answer: 'Payouts are sent on the 15th of every month by PayPal.' });
    expect(faq.status).toBe(201);
    const search = await service!.admin('POST', '/v1/knowledge/search-preview', { knowledgeSetIds: [setId], query: 'when do payouts happen' });
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).toContain('15th of every month');
  });
});
