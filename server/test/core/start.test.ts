import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function run(environment: Record<string, string>, untilOutput?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: { ...process.env, AA_LOG_LEVEL: 'warn', ...environment } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (untilOutput?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start', () => {
  it('refuses to start on a wrong setting and names the variable', async () => {
    const { code, output } = await run({ AA_PORT: 'abc', AA_DATA_DIR: os.tmpdir() });
    expect(code).toBe(78);
    expect(output).toContain('AA_PORT: expected a port number between 0 and 65535');
  }, 90000);

  it('generates the shared secret, says where it is without printing it, seeds the example agent, and stops cleanly', async () => {
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-start-'));
    const first = await run({ AA_PORT: '0', AA_DATA_DIR: dataDirectory }, /listening on/);
    const secret = fs.readFileSync(path.join(dataDirectory, 'shared-secret'), 'utf8').trim();
    expect(first.output).not.toContain(secret);
    expect(first.output).toContain(`saved in ${path.join(dataDirectory, 'shared-secret')} (mode 0600)`);
    expect(first.output).toMatch(/Seeded example agent agt_/);
    expect(first.code).toBe(0);

    const second = await run({ AA_PORT: '0', AA_DATA_DIR: dataDirectory }, /listening on/);
    expect(second.output).not.toContain(secret);
    expect(second.output).not.toContain('A new shared secret');
    expect(second.output).not.toMatch(/Seeded example agent/);
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  }, 120000);
});
