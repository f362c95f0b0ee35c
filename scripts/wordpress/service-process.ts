import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signRequest } from '../../server/src/security/request-signing';
import { REPO_ROOT } from './paths';
import { spawnInGroup, type GroupProcess } from './process-group';

export interface ServiceProcess {
  url: string;
  secret: string;
  dataDir: string;
  log: string;
  /** A request signed like the plugin's admin proxy (docs/protocol.md, section 1). */
  signed<T = unknown>(method: string, pathWithQuery: string, options?: { body?: unknown; userId?: number; capabilities?: string[] }): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export class ServiceRequestError extends Error {
  constructor(readonly status: number, readonly body: unknown, what: string) {
    super(`${what} → HTTP ${status}: ${JSON.stringify(body).slice(0, 1000)}`);
    this.name = new.target.name;
  }
}

/**
 * The real service (`server/src/main.ts` under tsx), as `npm start` runs it, on a temporary data
 * directory and a kernel-chosen port. No OpenAI key is passed, so it answers with the offline engine.
 */
export async function startService(options: { runDir: string; allowedOrigins: string[]; secret?: string; env?: NodeJS.ProcessEnv }): Promise<ServiceProcess> {
  const dataDir = path.join(options.runDir, 'service-data');
  const logDir = path.join(options.runDir, 'logs');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, 'service.log');
  const secret = options.secret ?? crypto.randomBytes(32).toString('base64url');
  const environment: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the developer has in their shell must not leak in: offline engine, our own data.
  for (const key of Object.keys(environment)) if (key.startsWith('AA_')) delete environment[key];
  Object.assign(environment, {
    AA_PORT: '0',
    AA_HOST: '127.0.0.1',
    AA_DATA_DIR: dataDir,
    AA_SHARED_SECRET: secret,
    AA_ALLOWED_ORIGINS: options.allowedOrigins.join(','),
    AA_LOG_LEVEL: 'info',
    ...options.env,
  });
  const service: GroupProcess = spawnInGroup(process.execPath, ['--import', 'tsx', path.join('server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: environment,
    logFile: log,
    pipeStdout: true,
  });

  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`the service did not start within 60 s; see ${log}:\n${readTail(log)}`)), 60000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        service.child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`the service exited with code ${code} before listening; see ${log}:\n${readTail(log)}`));
    function fail(error: Error) {
      clearTimeout(timer);
      service.child.off('exit', onExit);
      reject(error);
    }
    service.child.stdout?.on('data', onData);
    service.child.once('exit', onExit);
  }).catch(async (error) => {
    await service.stop();
    throw error;
  });
  // Keep draining stdout so the service never blocks on a full pipe.
  service.child.stdout?.resume();

  const signed: ServiceProcess['signed'] = async (method, pathWithQuery, requestOptions = {}) => {
    const body = requestOptions.body === undefined ? '' : JSON.stringify(requestOptions.body);
    const headers: Record<string, string> = signRequest(secret, {
      method,
      pathWithQuery,
      body,
      userId: requestOptions.userId ?? 1,
      capabilities: requestOptions.capabilities ?? ['aa_manage_agents', 'aa_review_leads'],
    });
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(url + pathWithQuery, { method, headers, body: body || undefined });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as never };
  };

  return { url, secret, dataDir, log, signed, stop: () => service.stop() };
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '(no log)';
  }
}
