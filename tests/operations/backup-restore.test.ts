import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DATABASE_FILE_NAME } from '../../server/src/db/database';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { chatTurn, firstAgentId, ROOT, startServiceProcess, type ServiceProcess } from '../support/service-process';
import { WEBHOOK_SECRET, jobCounts, scalar, seedLeads, waitFor } from './seed-leads';

/**
 * `npm run backup -- <file>` while the service serves a chat turn and retries failing deliveries;
 * then the data directory is wiped and restored as docs/deploying.md says (stop, copy the backup
 * in as affiliate-agent.sqlite, start): leads, action versions and pending jobs are intact and the
 * outbox resumes.
 */
jest.setTimeout(180_000);
const LEADS = 10;

describe('online backup and restore', () => {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-backup-data-'));
  const backupDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-backup-'));
  let receiver: WebhookReceiver;
  let service: ServiceProcess | undefined;
  let restored: ServiceProcess | undefined;
  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret: () => WEBHOOK_SECRET });
    // The CRM is down: every job stays pending (retrying) until after the restore.
    receiver.setDefaultStatus(503);
    seedLeads(dataDirectory, receiver.url, LEADS);
  });
  afterAll(async () => {
    for (const running of [service, restored]) if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    await receiver.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
    fs.rmSync(backupDirectory, { recursive: true, force: true });
  });

  it('backs up while serving, and a restored copy keeps leads, versions and pending jobs', async () => {
    service = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], { AA_DATA_DIR: dataDirectory });
    const agentId = await firstAgentId(service);
    const action = await service.admin('POST', `/v1/agents/${agentId}/actions`, { template: 'affiliate-application', publish: true });
    expect(action.status).toBe(201);
    const backupFile = path.join(backupDirectory, 'affiliate-agent-backup.sqlite');
    const [turn, backup] = await Promise.all([
      chatTurn(service.url, agentId, 'How much commission do affiliates earn?'),
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/operations/backup-command.ts', backupFile], { cwd: ROOT, env: { ...process.env, AA_DATA_DIR: dataDirectory } }),
    ]);
    expect(turn.status).toBe(200);
    expect(backup.stdout).toMatch(/Backed up \d+ pages .* integrity ok/);
    const versions = scalar(dataDirectory, 'SELECT COUNT(*) AS value FROM action_versions');
    expect(versions).toBeGreaterThan(0);

    service!.child.kill('SIGTERM');
    expect((await service!.exited).code).toBe(0);
    expect(jobCounts(dataDirectory).succeeded ?? 0).toBe(0);

    // Disaster: the data directory's database is gone. Restore = copy the backup in while stopped.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDirectory, `${DATABASE_FILE_NAME}${suffix}`), { force: true });
    fs.copyFileSync(backupFile, path.join(dataDirectory, DATABASE_FILE_NAME));

    expect(scalar(dataDirectory, 'SELECT COUNT(*) AS value FROM leads')).toBe(LEADS);
    expect(scalar(dataDirectory, 'SELECT COUNT(*) AS value FROM action_versions')).toBe(versions);
    expect(jobCounts(dataDirectory).pending).toBe(LEADS * 2);

    receiver.setDefaultStatus(200);
    restored = await startServiceProcess(['--import', 'tsx', 'server/src/main.ts'], { AA_DATA_DIR: dataDirectory });
    expect((await fetch(`${restored.url}/ready`)).status).toBe(200);
    await waitFor(() => (jobCounts(dataDirectory).succeeded ?? 0) === LEADS * 2, 'the outbox to resume and deliver every job', 90_000);
    restored!.child.kill('SIGTERM');
    expect((await restored!.exited).code).toBe(0);
    expect(receiver.unique.size).toBe(LEADS * 2);
  });

  it('refuses a missing target with the usage line', async () => {
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/operations/backup-command.ts'], { cwd: ROOT, env: { ...process.env, AA_DATA_DIR: dataDirectory } })).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining('Usage: npm run backup -- <backup file>'),
    });
  });
});
