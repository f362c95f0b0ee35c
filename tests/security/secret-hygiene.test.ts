import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTION_KEY_PREFIX } from '../../server/src/config/connection-key';

const root = path.resolve(__dirname, '../..');

/** The environment of a service started by systemd or a container: only what we set, stdout a pipe. */
function serviceEnvironment(dataDirectory: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AA_')) environment[key] = value;
  return { ...environment, AA_PORT: '0', AA_HOST: '127.0.0.1', AA_DATA_DIR: dataDirectory, AA_LOG_LEVEL: 'info', ...extra };
}

/**
 * Starts the real service (as `npm start`), waits until it listens and has said everything, then stops it.
 * With `terminal`, util-linux `script` gives it a pseudo-terminal as stdout, as a person's shell would.
 */
async function firstStartOutput(dataDirectory: string, terminal = false): Promise<string> {
  const command = `${process.execPath} --import tsx server/src/main.ts`;
  // Its own process group, so stopping it also stops the service under `script`.
  const options = { cwd: root, env: serviceEnvironment(dataDirectory), detached: true };
  const child = terminal ? spawn('script', ['-qefc', command, '/dev/null'], options) : spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not listening after 60 s:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        if (/listening on/.test(output)) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
    // Everything about the secret is written in the same tick as the listening line; allow the pipe to drain.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return output;
}

/** Review finding 10: the secret never reaches process output that ends up in logs. */
describe('security: secret hygiene at start-up', () => {
  jest.setTimeout(120_000);
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-secret-'));
  afterAll(() => fs.rmSync(dataDirectory, { recursive: true, force: true }));

  it('prints only where the new secret is and how to see the key when stdout is not a terminal', async () => {
    const output = await firstStartOutput(dataDirectory);
    const file = path.join(dataDirectory, 'shared-secret');
    const secret = fs.readFileSync(file, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    expect(output).toContain(`saved in ${file} (mode 0600)`);
    expect(output).toContain('npm run connection-key');
    expect(output).not.toContain(secret);
    expect(output).not.toContain(CONNECTION_KEY_PREFIX);
    // Nor any recognisable part of it (a tail, as the old settings placeholder showed).
    expect(output).not.toContain(secret.slice(-8));
  });

  it('`npm run connection-key` prints a key the plugin’s parser accepts, for the public URL and the stored secret', () => {
    const secret = fs.readFileSync(path.join(dataDirectory, 'shared-secret'), 'utf8').trim();
    const key = execFileSync(process.execPath, ['--import', 'tsx', 'server/src/operations/connection-key-command.ts'], {
      cwd: root,
      env: serviceEnvironment(dataDirectory, { AA_PUBLIC_URL: 'https://agent.shop.example/' }),
      encoding: 'utf8',
    }).trim();
    expect(key.startsWith(CONNECTION_KEY_PREFIX)).toBe(true);

    // The plugin's own class (plugin/includes/Settings/class-connection-key.php), loaded with the unit tests' WordPress stand-ins.
    const parsed = JSON.parse(
      execFileSync('php', ['-r', 'require "plugin/tests/bootstrap.php"; echo json_encode(AffiliateAgent\\Settings\\Connection_Key::parse($argv[1]));', key], { cwd: root, encoding: 'utf8' }),
    );
    expect(parsed).toEqual({ url: 'https://agent.shop.example', secret });
  });

  it('without AA_PUBLIC_URL the key names the listening address, and the command says so on stderr', () => {
    const run = spawnSyncText(serviceEnvironment(dataDirectory, { AA_PORT: '8899' }));
    const parsed = JSON.parse(
      execFileSync('php', ['-r', 'require "plugin/tests/bootstrap.php"; echo json_encode(AffiliateAgent\\Settings\\Connection_Key::parse($argv[1]));', run.stdout.trim()], { cwd: root, encoding: 'utf8' }),
    );
    expect(parsed.url).toBe('http://127.0.0.1:8899');
    expect(run.stderr).toContain('AA_PUBLIC_URL is not set');
  });

  it('in a terminal, shows the one-paste connection key once at first start', async () => {
    const terminalData = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-tty-'));
    try {
      const output = await firstStartOutput(terminalData, true);
      const secret = fs.readFileSync(path.join(terminalData, 'shared-secret'), 'utf8').trim();
      const key = /aak1_[A-Za-z0-9_-]+/.exec(output)?.[0];
      expect(key).toBeDefined();
      expect(JSON.parse(Buffer.from(key!.slice(CONNECTION_KEY_PREFIX.length), 'base64url').toString('utf8'))).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), secret });
      // The second start in a terminal shows nothing of it: the key is shown once.
      const again = await firstStartOutput(terminalData, true);
      expect(again).toContain('listening on');
      expect(again).not.toContain(CONNECTION_KEY_PREFIX);
      expect(again).not.toContain(secret);
    } finally {
      fs.rmSync(terminalData, { recursive: true, force: true });
    }
  });

  it('refuses to invent a key when no secret exists yet', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-nosecret-'));
    try {
      const run = spawnSyncText(serviceEnvironment(empty));
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('No shared secret yet');
      expect(fs.existsSync(path.join(empty, 'shared-secret'))).toBe(false);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

function spawnSyncText(env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/operations/connection-key-command.ts'], { cwd: root, env, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
