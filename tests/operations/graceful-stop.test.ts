import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startServiceProcess } from '../support/service-process';
import { WEBHOOK_SECRET, jobCounts, seedLeads, waitFor } from './seed-leads';

/**
 * SIGTERM while the outbox is delivering (the real service, `node --import tsx server/src/main.ts`,
 * on a real SQLite file): the process exits 0 after its running deliveries finish, leaves no job
 * claimed, and the next start delivers the rest — every webhook exactly once.
 */
jest.setTimeout(180_000);
const LEADS = 15;

describe('graceful stop', () => {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-sigterm-'));
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    // Slow enough that the signal lands while deliveries are running.
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET, latencyMs: () => 150 });
    seedLeads(dataDirectory, receiver.url, LEADS);
  });
  afterAll(async () => {
    await receiver.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('loses no outbox job and runs none twice across a SIGTERM', async () => {
    const first = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], { AA_DATA_DIR: dataDirectory });
    await waitFor(() => receiver.all.length >= 3, 'the first deliveries');
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit.code).toBe(0);

    const afterStop = jobCounts(dataDirectory);
    expect(afterStop.running ?? 0).toBe(0);
    expect((afterStop.succeeded ?? 0) + (afterStop.pending ?? 0)).toBe(LEADS * 2);
    expect(afterStop.pending ?? 0).toBeGreaterThan(0);

    const second = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], { AA_DATA_DIR: dataDirectory });
    await waitFor(() => (jobCounts(dataDirectory).succeeded ?? 0) === LEADS * 2, 'every job delivered');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    expect(receiver.unique.size).toBe(LEADS * 2);
    expect(receiver.duplicates).toBe(0);
    expect(receiver.all.length).toBe(LEADS * 2);
  });
});
