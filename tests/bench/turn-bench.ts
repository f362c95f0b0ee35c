/**
 * Chat turn benchmark: the service's own overhead per turn and the time-to-first-byte it adds.
 *
 *   npx tsx tests/bench/turn-bench.ts            (defaults: 1, 50, 200 concurrent conversations)
 *   BENCH_TURNS=20 npx tsx tests/bench/turn-bench.ts
 *   npm run bench:relay                          (part 2 only, at 1, 10, 50: BENCH_ONLY=relay BENCH_LEVELS=1,10,50)
 *
 * Three processes, so the measuring client does not share an event loop with what it measures:
 * this one (the client), the service (started with --serve) and the fake OpenAI server (--fake).
 * 1. Overhead: the service runs on a zero-latency in-process model; a turn's whole time over HTTP
 *    (token check, CORS, state, SQLite writes, SSE) is the service's overhead.
 * 2. TTFB: the service runs the real OpenAI provider against the local fake server; the time to the
 *    first relayed text-delta is compared with the fake server's own time to first chunk.
 * Everything listens on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AsyncLocalStorage } from 'node:async_hooks';

const SECRET = 'bench-shared-secret-0123456789abcdef0123456789';
const ORIGIN = 'https://shop.example';
const LEVELS = (process.env.BENCH_LEVELS ?? '1,50,200').split(',').map(Number);
const TURNS = Number(process.env.BENCH_TURNS ?? 10);
/** `relay` runs part 2 alone (time to first text through the service's SSE), `overhead` part 1 alone. */
const ONLY = process.env.BENCH_ONLY ?? '';

async function serve(modelMode: string): Promise<void> {
  const { loadConfig } = await import('../../server/src/config/config');
  const { openDatabase } = await import('../../server/src/db/database');
  const { createContainer } = await import('../../server/src/container');
  const { createApp } = await import('../../server/src/app');
  const { silentLogger } = await import('../../server/src/logging/logger');
  const dataDirectory = fs.mkdtempSync(path.join(process.env.BENCH_DATA_DIR ?? os.tmpdir(), 'aa-bench-'));
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  process.on('SIGTERM', () => {
    process.stderr.write(`   [service ${modelMode === 'zero' ? 'zero-latency' : 'relay'}] event-loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms\n`);
    process.exit(0);
  });
  const environment: Record<string, string> = { AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: SECRET, AA_LOG_LEVEL: 'silent' };
  if (modelMode !== 'zero') Object.assign(environment, { AA_OPENAI_API_KEY: 'sk-bench', AA_OPENAI_BASE_URL: modelMode, AA_OPENAI_MODEL: 'fake-model' });
  const config = loadConfig(environment);
  const db = openDatabase(path.join(dataDirectory, 'affiliate-agent.sqlite'));
  const container = createContainer({ db, config, secret: SECRET, logger: silentLogger });
  const agent = container.agents.create({ name: 'Bench', allowedOrigins: [ORIGIN] });
  container.actions.create(agent.id, { template: 'affiliate-application', publish: true });
  if (modelMode === 'zero') {
    container.chat.setModel({
      name: 'zero-latency',
      async *stream() {
        yield { type: 'text-delta', delta: 'Our program pays ' };
        yield { type: 'text-delta', delta: '20% on every sale.' };
        yield { type: 'finish', reason: 'stop', usage: { inputTokens: 50, outputTokens: 8 } };
      },
    });
  }
  Object.assign(container.chat.limits, { messagesPerVisitorPerMinute: 1e9, messagesPerIpPerMinute: 1e9, conversationsPerIpPerMinute: 1e9 });
  // Measured inside the service, so the figures can be told apart from the client's and the
  // kernel's share on a busy machine: per turn, request in → last byte out, and the time to the
  // first relayed text-delta minus the model's own time to its first delta (the TTFB the service
  // adds). /__bench/stats returns them and starts afresh.
  interface TurnMark { in: bigint; modelStart?: bigint; modelFirst?: bigint; firstWrite?: bigint }
  const marks = new AsyncLocalStorage<TurnMark>();
  const inner = container.chat.model();
  if (inner) {
    container.chat.setModel({
      name: inner.name,
      async *stream(request) {
        const mark = marks.getStore();
        if (mark && mark.modelStart === undefined) mark.modelStart = process.hrtime.bigint();
        for await (const event of inner.stream(request)) {
          if (mark && mark.modelFirst === undefined && event.type === 'text-delta') mark.modelFirst = process.hrtime.bigint();
          yield event;
        }
      },
    });
  }
  const app = createApp(container);
  let stats = { total: [] as number[], added: [] as number[], cpuMsPerTurn: 0 };
  let cpuSince = process.cpuUsage();
  const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
  const server = http.createServer((request, response) => {
    if (request.url === '/__bench/stats') {
      // CPU time per turn does not depend on how busy the machine is, unlike every wall-clock figure.
      const cpu = process.cpuUsage(cpuSince);
      stats.cpuMsPerTurn = stats.total.length ? (cpu.user + cpu.system) / 1000 / stats.total.length : 0;
      response.end(JSON.stringify(stats));
      stats = { total: [], added: [], cpuMsPerTurn: 0 };
      cpuSince = process.cpuUsage();
      return;
    }
    const mark: TurnMark = { in: process.hrtime.bigint() };
    if (request.url?.endsWith('/messages')) {
      const write = response.write.bind(response) as (...args: unknown[]) => boolean;
      (response as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
        if (mark.firstWrite === undefined && String(args[0]).startsWith('event: text-delta')) mark.firstWrite = process.hrtime.bigint();
        return write(...args);
      };
      response.on('finish', () => {
        stats.total.push(ms(mark.in, process.hrtime.bigint()));
        if (mark.firstWrite !== undefined) {
          const modelOwn = mark.modelStart !== undefined && mark.modelFirst !== undefined ? ms(mark.modelStart, mark.modelFirst) : 0;
          stats.added.push(ms(mark.in, mark.firstWrite) - modelOwn);
        }
      });
    }
    marks.run(mark, () => app(request, response));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`${JSON.stringify({ port: address.port, agentId: agent.id })}\n`);
  });
  server.keepAliveTimeout = 60_000;
}

async function fake(): Promise<void> {
  const { startFakeOpenAIServer } = await import('../fakes/openai-fake-server');
  const server = await startFakeOpenAIServer();
  server.setDefault({ text: 'Our program pays 20% on every sale, monthly by PayPal.' });
  process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);
}

function startChild(args: string[]): Promise<{ child: ChildProcess; info: any }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`child ${args.join(' ')} exited with ${code}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

interface Timing {
  ttfbMs: number;
  totalMs: number;
}

/** POST and time the first byte of `marker` in the body and the end of the response. */
function timedPost(url: string, body: string, headers: Record<string, string>, marker: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let ttfb = -1;
    let seen = '';
    const request = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (ttfb < 0) {
          seen += chunk;
          if (seen.includes(marker)) ttfb = Number(process.hrtime.bigint() - started) / 1e6;
        }
      });
      response.on('end', () => {
        if (response.statusCode !== 200 && response.statusCode !== 201) reject(new Error(`HTTP ${response.statusCode}: ${seen.slice(0, 200)}`));
        else resolve({ ttfbMs: ttfb, totalMs: Number(process.hrtime.bigint() - started) / 1e6 });
      });
    });
    request.on('error', reject);
    if (process.env.BENCH_DEBUG) {
      request.on('socket', (socket) => {
        const assigned = Number(process.hrtime.bigint() - started) / 1e6;
        if (socket.connecting) socket.once('connect', () => { const at = Number(process.hrtime.bigint() - started) / 1e6; if (at > 200) process.stderr.write(`  socket assigned ${assigned.toFixed(0)} ms, connected ${at.toFixed(0)} ms\n`); });
        else if (assigned > 200) process.stderr.write(`  reused socket assigned ${assigned.toFixed(0)} ms\n`);
      });
    }
    request.setNoDelay(true);
    request.end(body);
  });
}

async function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return response.json();
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
};
const figure = (value: number) => value.toFixed(2).padStart(8);

async function serviceStats(base: string): Promise<{ total: number[]; added: number[]; cpuMsPerTurn: number }> {
  return (await fetch(`${base}/__bench/stats`)).json() as Promise<{ total: number[]; added: number[]; cpuMsPerTurn: number }>;
}

async function visitorToken(agentId: string, visitor: string): Promise<string> {
  const { mintToken } = await import('../../server/src/security/tokens');
  const now = Math.floor(Date.now() / 1000);
  return mintToken(SECRET, { v: 1, kind: 'visitor', agent: agentId, visitor, origin: ORIGIN, iat: now, exp: now + 3600 });
}

const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * `conversations` conversations at once, each sending TURNS messages. Like people chatting, each
 * waits a while (THINK_MS ± 50 %) before the next message; with `thinkMs` 0 the conversations send
 * back to back, which measures capacity (turns a second) rather than latency.
 */
async function runService(base: string, agentId: string, conversations: number, thinkMs = THINK_MS): Promise<Timing[]> {
  const timings: Timing[] = [];
  await Promise.all(
    Array.from({ length: conversations }, async (_, index) => {
      const token = await visitorToken(agentId, `vis_${conversations}_${index}`);
      const headers = { Authorization: `Bearer ${token}`, Origin: ORIGIN, Accept: 'text/event-stream' };
      const started = await postJson(`${base}/v1/agents/${agentId}/conversations`, {}, headers);
      // Conversations start spread over one think time, as visitors arrive at different moments.
      await pause(Math.random() * thinkMs);
      for (let turn = 0; turn < TURNS; turn += 1) {
        if (turn > 0) await pause(thinkMs * (0.5 + Math.random()));
        const timing = await timedPost(`${base}/v1/conversations/${started.conversation.id}/messages`, JSON.stringify({ content: `How much do you pay? (${turn})` }), headers, 'event: text-delta');
        if (process.env.BENCH_DEBUG && timing.totalMs > 1000) process.stderr.write(`slow: conversation ${index} turn ${turn} ${timing.totalMs.toFixed(0)} ms ttfb ${timing.ttfbMs.toFixed(0)} at ${new Date().toISOString()}\n`);
        timings.push(timing);
      }
    }),
  );
  return timings;
}

/** The fake model's own stream, at the same concurrency, straight from the fake server. */
async function runFakeDirect(baseUrl: string, conversations: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  const body = JSON.stringify({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: 'How much do you pay?' }] });
  await Promise.all(
    Array.from({ length: conversations }, async () => {
      for (let turn = 0; turn < TURNS; turn += 1) timings.push(await timedPost(`${baseUrl}/chat/completions`, body, { Authorization: 'Bearer sk' }, '"content":"Our'));
    }),
  );
  return timings;
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  try {
    process.stdout.write(`Chat turn benchmark: ${TURNS} turns per conversation, ${os.cpus().length} CPUs, Node ${process.version}\n\n`);
    if (ONLY !== 'relay') await measureOverhead(children);
    if (ONLY !== 'overhead') await measureRelay(children);
    process.stdout.write(`\n   load average while measuring: ${os.loadavg().map((value) => value.toFixed(1)).join(', ')}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    agent.destroy();
  }
}

async function measureOverhead(children: ChildProcess[]): Promise<void> {
  const zero = await startChild(['--serve', 'zero']);
  children.push(zero.child);
  const zeroBase = `http://127.0.0.1:${zero.info.port}`;
  await runService(zeroBase, zero.info.agentId, 5); // warm-up
  process.stdout.write(`1. Service overhead per turn (zero-latency model; whole turn over HTTP + SSE, ms; ${THINK_MS} ms ± 50 % between a conversation's messages)\n`);
  process.stdout.write('                          client-measured              inside the service   service CPU\n');
  process.stdout.write('   conversations   turns      p50      p99      max        p50      p99   ms per turn\n');
  await serviceStats(zeroBase);
  for (const level of LEVELS) {
    const timings = (await runService(zeroBase, zero.info.agentId, level)).map((timing) => timing.totalMs);
    const stats = await serviceStats(zeroBase);
    const inside = stats.total;
    process.stdout.write(
      `   ${String(level).padStart(13)} ${String(timings.length).padStart(7)} ${figure(percentile(timings, 0.5))} ${figure(percentile(timings, 0.99))} ${figure(Math.max(...timings))}   ${figure(percentile(inside, 0.5))} ${figure(percentile(inside, 0.99))}   ${figure(stats.cpuMsPerTurn)}\n`,
    );
  }

  const capacityStarted = performance.now();
  const saturated = await runService(zeroBase, zero.info.agentId, 50, 0);
  const capacityStats = await serviceStats(zeroBase);
  process.stdout.write(
    `   capacity: 50 conversations sending back to back: ${(saturated.length / ((performance.now() - capacityStarted) / 1000)).toFixed(0)} turns/s, service CPU ${capacityStats.cpuMsPerTurn.toFixed(2)} ms per turn\n`,
  );
}

async function measureRelay(children: ChildProcess[]): Promise<void> {
  const fakeServer = await startChild(['--fake']);
  children.push(fakeServer.child);
  const relayed = await startChild(['--serve', fakeServer.info.baseUrl]);
  children.push(relayed.child);
  const relayBase = `http://127.0.0.1:${relayed.info.port}`;
  await runService(relayBase, relayed.info.agentId, 5);
  await runFakeDirect(fakeServer.info.baseUrl, 5);
  process.stdout.write('\n2. Time to first text byte: the fake model direct vs. relayed by the service (real OpenAI SDK path, ms)\n');
  process.stdout.write('                   client-measured                        inside the service\n');
  process.stdout.write('   conversations   direct p50/p99      relayed p50/p99      added by the service p50/p99   service CPU ms per turn\n');
  await serviceStats(relayBase);
  for (const level of LEVELS) {
    const direct = (await runFakeDirect(fakeServer.info.baseUrl, level)).map((timing) => timing.ttfbMs);
    const relay = (await runService(relayBase, relayed.info.agentId, level)).map((timing) => timing.ttfbMs);
    const { added, cpuMsPerTurn } = await serviceStats(relayBase);
    process.stdout.write(
      `   ${String(level).padStart(13)} ${figure(percentile(direct, 0.5))}/${figure(percentile(direct, 0.99)).trim().padEnd(9)} ${figure(percentile(relay, 0.5))}/${figure(percentile(relay, 0.99)).trim().padEnd(9)}   ${figure(percentile(added, 0.5))}/${figure(percentile(added, 0.99)).trim().padEnd(9)}        ${figure(cpuMsPerTurn)}\n`,
    );
  }
}

const mode = process.argv[2];
if (mode === '--serve') void serve(process.argv[3]);
else if (mode === '--fake') void fake();
else
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exitCode = 1;
  });
