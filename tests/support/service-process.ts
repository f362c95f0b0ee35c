import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { signRequest } from '../../server/src/security/request-signing';
import { mintToken } from '../../server/src/security/tokens';
import { ADMIN_CAPABILITIES, TEST_SECRET } from './signed-client';

/**
 * The service as a real child process (the way production runs it), for the operations tests:
 * started with `node <args>`, ready once it prints its listening line, spoken to over HTTP.
 */
export const ROOT = path.resolve(__dirname, '../..');
export const SITE_ORIGIN = 'https://shop.example';

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A signed admin request, as the WordPress plugin's proxy sends it. */
  admin(method: string, pathWithQuery: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function startServiceProcess(args: string[], environment: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, AA_PORT: '0', AA_SHARED_SECRET: TEST_SECRET, AA_LOG_LEVEL: 'warn', AA_ALLOWED_ORIGINS: SITE_ORIGIN, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const listening = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (!listening) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      const url = listening[1];
      resolve({
        child,
        url,
        output: () => output,
        exited,
        async admin(method, pathWithQuery, body) {
          const payload = body === undefined ? '' : JSON.stringify(body);
          const headers = { ...signRequest(TEST_SECRET, { method, pathWithQuery, body: payload, userId: 1, capabilities: ADMIN_CAPABILITIES }), ...(payload ? { 'Content-Type': 'application/json' } : {}) };
          const response = await fetch(url + pathWithQuery, { method, headers, body: payload || undefined });
          const text = await response.text();
          return { status: response.status, body: text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
        },
      });
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${output}`));
    });
  });
}

/** The first agent (the seeded example on a fresh database). */
export async function firstAgentId(service: ServiceProcess): Promise<string> {
  const { status, body } = await service.admin('GET', '/v1/agents');
  if (status !== 200 || !body.agents?.length) throw new Error(`no agent: ${status} ${JSON.stringify(body)}`);
  return body.agents[0].id as string;
}

export function visitorToken(agentId: string, visitorId = 'vis_ops'): string {
  const now = Math.floor(Date.now() / 1000);
  return mintToken(TEST_SECRET, { v: 1, kind: 'visitor', agent: agentId, visitor: visitorId, origin: SITE_ORIGIN, iat: now, exp: now + 3600 });
}

/** Starts a conversation as a visitor and sends one message; returns the streamed reply text. */
export async function chatTurn(url: string, agentId: string, content: string): Promise<{ status: number; reply: string; eventTypes: string[] }> {
  const headers = { Authorization: `Bearer ${visitorToken(agentId)}`, 'Content-Type': 'application/json', Origin: SITE_ORIGIN };
  const started = await fetch(`${url}/v1/agents/${agentId}/conversations`, { method: 'POST', headers, body: JSON.stringify({ page: {} }) });
  const conversation = (await started.json()) as { conversation?: { id: string } };
  if (!conversation.conversation) throw new Error(`conversation not started: ${JSON.stringify(conversation)}`);
  const response = await fetch(`${url}/v1/conversations/${conversation.conversation.id}/messages`, {
    method: 'POST',
    headers: { ...headers, Accept: 'text/event-stream' },
    body: JSON.stringify({ content }),
  });
  const text = await response.text();
  const eventTypes: string[] = [];
  let reply = '';
  for (const block of text.split('\n\n')) {
    const type = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (!type) continue;
    eventTypes.push(type);
    if (type === 'text-delta' && data) reply += (JSON.parse(data) as { delta: string }).delta;
  }
  return { status: response.status, reply, eventTypes };
}
