import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config/config';
import { createContainer } from '../../server/src/container';
import { openDatabase } from '../../server/src/db/database';
import { silentLogger } from '../../server/src/logging/logger';
import { signRequest } from '../../server/src/security/request-signing';
import { ADMIN_CAPABILITIES, TEST_SECRET } from '../support/signed-client';

/** Review finding 6: a captured signed request is refused after the service restarts on the same database file. */
describe('security: replay after restart', () => {
  jest.setTimeout(30_000);
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-replay-'));
  afterAll(() => fs.rmSync(dataDirectory, { recursive: true, force: true }));

  async function start() {
    const config = loadConfig({ AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: TEST_SECRET, AA_LOG_LEVEL: 'silent' });
    const container = createContainer({ db: openDatabase(path.join(dataDirectory, 'affiliate-agent.sqlite')), config, secret: TEST_SECRET, logger: silentLogger });
    const server: Server = await new Promise((resolve) => {
      const listening = createApp(container).listen(0, '127.0.0.1', () => resolve(listening));
    });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      async stop() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await container.close();
      },
    };
  }

  it('refuses the same signed request before and after a restart', async () => {
    const body = JSON.stringify({ name: 'Captured agent' });
    const captured = { ...signRequest(TEST_SECRET, { method: 'POST', pathWithQuery: '/v1/agents', body, userId: 1, capabilities: ADMIN_CAPABILITIES }), 'Content-Type': 'application/json' };
    const send = (url: string) => fetch(`${url}/v1/agents`, { method: 'POST', headers: captured, body });

    const first = await start();
    expect((await send(first.url)).status).toBe(201);
    const again = await send(first.url);
    expect(again.status).toBe(401);
    await first.stop();

    const second = await start();
    const afterRestart = await send(second.url);
    expect(afterRestart.status).toBe(401);
    expect((await afterRestart.json()).error.code).toBe('signature_replayed');
    const agents = await fetch(`${second.url}/v1/agents`, { headers: signRequest(TEST_SECRET, { method: 'GET', pathWithQuery: '/v1/agents', userId: 1, capabilities: ADMIN_CAPABILITIES }) });
    expect((await agents.json()).agents.filter((agent: { name: string }) => agent.name === 'Captured agent')).toHaveLength(1);
    await second.stop();
  });
});
