import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * Child processes started in their own process group, so that stopping one stops everything it
 * forked: `php -S` with PHP_CLI_SERVER_WORKERS forks workers that outlive a plain kill of the parent,
 * and `tsx` runs the service in a grandchild.
 */
export interface GroupProcess {
  child: ChildProcess;
  /** Resolves once the whole group is gone (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function spawnInGroup(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; pipeStdout?: boolean },
): GroupProcess {
  const log = fs.openSync(options.logFile, 'a');
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true, // own process group
    stdio: ['ignore', options.pipeStdout ? 'pipe' : log, log],
  };
  const child = spawn(command, args, spawnOptions);
  fs.closeSync(log);
  if (options.pipeStdout && child.stdout) {
    // Keep a copy of stdout in the log file too, so a failed run can be read afterwards.
    child.stdout.on('data', (chunk: Buffer) => fs.appendFileSync(options.logFile, chunk));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  const stop = async (graceMs = 5000): Promise<void> => {
    if (!groupAlive(pid)) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const end = Date.now() + graceMs;
    while (groupAlive(pid) && Date.now() < end) await sleep(50);
    if (groupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    while (groupAlive(pid)) await sleep(20);
  };
  return { child, stop };
}

/** Polls `probe` until it returns true; errors thrown by the probe count as "not yet". */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 30000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await sleep(100);
  }
}
