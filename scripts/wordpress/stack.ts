import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { startService, type ServiceProcess } from './service-process';
import { assertSystemRequirements } from './system-requirements';
import { createWordPressSite, type WordPressSite, type WordPressSiteOptions } from './wordpress-site';

export interface Stack {
  runDir: string;
  wordpress: WordPressSite;
  service: ServiceProcess;
  /** The example agent the service seeds on first start. */
  agentId: string;
  /** Stops WordPress and the service (their whole process groups) and, unless kept, removes runDir. */
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Parent of the run directory; a fresh temporary one by default. */
  baseDir?: string;
  /** Keep the run directory (site, database, logs) after stop(). */
  keep?: boolean;
  muPlugins?: string[];
  wordpress?: Partial<Omit<WordPressSiteOptions, 'runDir' | 'port' | 'muPlugins'>>;
  serviceEnv?: NodeJS.ProcessEnv;
  browser?: boolean;
  /** WordPress port; a free one by default. */
  port?: number;
  /**
   * AA_ALLOWED_ORIGINS for the service; the WordPress origin by default. `[]` runs the service as
   * an owner would start it: the site's origin is then allowed because the plugin pairs with it.
   */
  allowedOrigins?: string[];
}

/**
 * The whole local product: the real service (offline engine) and a fresh WordPress 6.5 that may
 * call it. Both boot in parallel; the service only needs to know the WordPress origin for CORS.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  assertSystemRequirements({ browser: options.browser });
  const baseDir = options.baseDir ?? os.tmpdir();
  fs.mkdirSync(baseDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(baseDir, 'aa-stack-'));
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const started: Array<{ stop(): Promise<void> }> = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    if (!options.keep) fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const [service, wordpress] = await Promise.all([
      startService({ runDir, allowedOrigins: options.allowedOrigins ?? [origin], env: options.serviceEnv }).then((value) => (started.push(value), value)),
      createWordPressSite({ runDir, port, muPlugins: options.muPlugins, ...options.wordpress }).then((value) => (started.push(value), value)),
    ]);
    const agents = await service.signed<{ agents: Array<{ id: string }> }>('GET', '/v1/agents');
    if (agents.status !== 200 || !agents.body.agents?.length) {
      throw new Error(`the service has no seeded agent: GET /v1/agents → ${agents.status} ${JSON.stringify(agents.body)}`);
    }
    return { runDir, wordpress, service, agentId: agents.body.agents[0].id, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
