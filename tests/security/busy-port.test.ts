import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * Review finding 12: a second instance on a busy port stops with a message naming the port and a
 * non-zero exit, before it opens a database, writes a secret or starts a worker.
 */
describe('security: start-up on a busy port', () => {
  it('exits non-zero naming the port, without saying it is listening', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-busy-'));
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: root,
        env: { ...process.env, AA_PORT: String(port), AA_HOST: '127.0.0.1', AA_DATA_DIR: dataDirectory, AA_LOG_LEVEL: 'info' },
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('exit', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    blocker.close();
    // Nothing was opened or written: no database (migrations, seeding, outbox), no secret file.
    const written = fs.readdirSync(dataDirectory);
    fs.rmSync(dataDirectory, { recursive: true, force: true });
    expect(written).toEqual([]);
    expect(code).toBe(1);
    expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(output).not.toContain('listening on');
    expect(output).not.toContain('service started');
  }, 90_000);
});
