/**
 * Knowledge benchmark: indexing throughput, query latency at 10k and 100k chunks, and the latency
 * retrieval adds to a chat turn with 50 concurrent conversations. Prints figures; asserts nothing.
 *
 *   npm run bench:knowledge                                        # 10k and 100k chunks
 *   node --expose-gc --import tsx tests/bench/knowledge-bench.ts 10000   # one size only
 *
 * The corpus is synthetic (a Zipf-distributed vocabulary of made-up words, sections under headings)
 * plus the Brightleaf fixture documents; queries are the fixture questions and questions built from
 * words of random chunks, so they hit both common and rare terms like real ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig } from '../../server/src/config/config';
import { openDatabase, type Database } from '../../server/src/db/database';
import { silentLogger } from '../../server/src/logging/logger';
import { createKnowledge } from '../../server/src/knowledge/create-knowledge';
import { createRetrievalExecutor } from '../../server/src/knowledge/retrieval-executor';
import { searchTokens } from '../../server/src/knowledge/search-text';
import { fixtureQuestions, loadFixtureCorpus } from '../../server/test/knowledge/fixture-corpus';

const SECTIONS_PER_DOCUMENT = 10;
const CONVERSATIONS = 50;
const TURNS_PER_CONVERSATION = 10;
const MODEL_LATENCY_MS = 800;
const TURN_CPU_MS = 0.3;

function random(seed: number): () => number {
  // mulberry32: deterministic, so runs are comparable.
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(size: number, next: () => number): { words: string[]; pick: () => string } {
  const syllables = ['ka', 'lo', 'mi', 'ter', 'ran', 'vel', 'os', 'tri', 'pa', 'dun', 'shi', 'ber', 'qua', 'zel', 'mon', 'ex', 'ful', 'gar', 'ni', 'sto'];
  const english = 'affiliate commission payout cookie referral traffic partner order customer program link coupon account approval email tent backpack gear trail camp review content audience sale rate month policy site brand search social payment bank tax hold'.split(' ');
  const words = new Set<string>();
  while (words.size < size - english.length) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => syllables[Math.floor(next() * syllables.length)]).join(''));
  }
  const list = [...words].filter((word) => !english.includes(word));
  // Topic words sit among the frequent-but-not-ubiquitous ranks, as in a real site (the top ranks of
  // real text are stop words, which the index drops anyway).
  for (const word of english) list.splice(20 + Math.floor(next() * 2000), 0, word);
  // Zipf (s = 1.07): a few words are everywhere, most are rare, as in real text.
  const weights = list.map((_, rank) => 1 / Math.pow(rank + 1, 1.07));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const weight of weights) cumulative.push((running += weight / total));
  const pick = () => {
    const target = next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return list[low];
  };
  return { words: list, pick };
}

function sentence(pick: () => string, next: () => number): string {
  const glue = ['the', 'of', 'and', 'to', 'is', 'for', 'with', 'on', 'your', 'a'];
  const words = Array.from({ length: 8 + Math.floor(next() * 10) }, () => (next() < 0.35 ? glue[Math.floor(next() * glue.length)] : pick()));
  return words.join(' ').replace(/^./, (first) => first.toUpperCase()) + '.';
}

function document(pick: () => string, next: () => number): string {
  const parts = [`# ${pick()} ${pick()} ${pick()}`];
  for (let section = 0; section < SECTIONS_PER_DOCUMENT; section++) {
    parts.push(`## ${pick()} ${pick()}`);
    // One section ≈ one chunk: 3–5 sentences, ~500 characters.
    parts.push(Array.from({ length: 3 + Math.floor(next() * 3) }, () => sentence(pick, next)).join(' '));
  }
  return parts.join('\n\n');
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

const format = (value: number) => `${value.toFixed(2)} ms`;

function queriesFor(db: Database, count: number, next: () => number): string[] {
  const fixture = fixtureQuestions().questions.map((entry) => entry.question);
  const maxRowid = (db.prepare('SELECT MAX(rowid) AS max FROM knowledge_chunks').get() as { max: number }).max;
  const chunkText = db.prepare('SELECT text FROM knowledge_chunks WHERE rowid >= ? ORDER BY rowid LIMIT 1');
  const starters = ['How does', 'What is the', 'Can I use', 'Is there a', 'Where do I find the', 'Why is my'];
  const queries: string[] = [];
  while (queries.length < count) {
    if (queries.length % 4 === 0) {
      queries.push(fixture[queries.length % fixture.length]);
      continue;
    }
    const row = chunkText.get(1 + Math.floor(next() * maxRowid)) as { text: string } | undefined;
    const words = (row?.text ?? 'commission rate').split(/\W+/).filter((word) => word.length > 3);
    const picked = Array.from({ length: 2 + Math.floor(next() * 4) }, () => words[Math.floor(next() * words.length)]);
    queries.push(`${starters[Math.floor(next() * starters.length)]} ${picked.join(' ')}?`);
  }
  return queries;
}

async function busy(milliseconds: number): Promise<void> {
  const end = performance.now() + milliseconds;
  while (performance.now() < end) {
    /* prompt assembly, JSON, SSE writes */
  }
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * 50 conversations, each a visitor who thinks 0.5–2.5 s between messages (about 33 turns a second in
 * all). A turn is: [retrieve] → main-thread work (prompt, JSON, SSE) → the model call. The figure is
 * the time from the message to the model call starting, which is what retrieval (and anything
 * blocking the event loop for other conversations) adds to a turn.
 */
async function simulateChats(
  retrieve: ((query: string) => Promise<unknown>) | null,
  queries: string[],
  next: () => number,
): Promise<{ turns: number[]; loopDelayP99: number }> {
  const turns: number[] = [];
  let cursor = 0;
  // How long the event loop was blocked: what every other open chat waits when retrieval runs inline.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async () => {
      for (let turn = 0; turn < TURNS_PER_CONVERSATION; turn++) {
        await sleep(500 + next() * 2000);
        const started = performance.now();
        if (retrieve) await retrieve(queries[cursor++ % queries.length]);
        await busy(TURN_CPU_MS);
        turns.push(performance.now() - started);
        await sleep(MODEL_LATENCY_MS);
      }
    }),
  );
  loopDelay.disable();
  return { turns, loopDelayP99: loopDelay.percentile(99) / 1e6 };
}

async function benchmark(targetChunks: number): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-knowledge-bench-'));
  const file = path.join(directory, 'bench.sqlite');
  const db = openDatabase(file);
  const next = random(42);
  const { words, pick } = vocabulary(30_000, next);
  const config = loadConfig({ AA_DATA_DIR: directory, AA_LOG_LEVEL: 'silent' });
  const make = (workers: number, index: 'memory' | 'sqlite' = 'sqlite') =>
    createKnowledge({
      db,
      config,
      secret: 'x'.repeat(40),
      logger: silentLogger,
      readSetting: () => null,
      agentKnowledgeSetIds: () => [],
      environment: { AA_KNOWLEDGE_WORKERS: String(workers), AA_KNOWLEDGE_INDEX: index },
    });
  const writer = make(0);
  const setId = writer.createSet({ name: 'Bench' }).id;
  await loadFixtureCorpus(writer, setId);

  const documents = Math.ceil(targetChunks / SECTIONS_PER_DOCUMENT);
  let characters = 0;
  const indexStarted = performance.now();
  for (let index = 0; index < documents; index++) {
    const text = document(pick, next);
    characters += text.length;
    await writer.uploadFile(setId, { filename: `doc-${index}.md`, contentType: 'text/markdown', contentBase64: Buffer.from(text).toString('base64') });
  }
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const chunks = (db.prepare('SELECT COUNT(*) AS count FROM knowledge_chunks').get() as { count: number }).count;
  const fileMb = fs.statSync(file).size / 1024 / 1024;
  db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`\n=== ${chunks.toLocaleString('en')} chunks, load average now ${os.loadavg()[0].toFixed(1)} (${words.length.toLocaleString('en')}-word vocabulary, database ${fileMb.toFixed(0)} MB) ===`);
  console.log(`indexing: ${documents} documents, ${(characters / 1024 / 1024).toFixed(1)} MB of text in ${indexSeconds.toFixed(1)} s → ${(chunks / indexSeconds).toFixed(0)} chunks/s, ${(characters / 1024 / 1024 / indexSeconds).toFixed(2)} MB/s (upload → extract → chunk → FTS, one transaction per source)`);

  if (process.env.AA_BENCH_INDEX_ONLY) {
    console.log(`kept ${file}`);
    return;
  }
  const queries = queriesFor(db, 1000, next);
  const request = (query: string) => ({ knowledgeSetIds: [setId], tokens: searchTokens(query), prefix: null, limit: 5 });

  // The in-memory index, loaded here on the main thread to time it and weigh it (a worker does the same).
  // Run with node --expose-gc for a clean figure; without it the growth includes load-time garbage.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  collect();
  const memoryBefore = process.memoryUsage();
  const loadStarted = performance.now();
  const executor = createRetrievalExecutor(db, { index: 'memory' });
  const index = executor.memoryIndex()!;
  const loadMs = performance.now() - loadStarted;
  collect();
  const memoryAfter = process.memoryUsage();
  const heapMb = (memoryAfter.heapUsed + memoryAfter.arrayBuffers - memoryBefore.heapUsed - memoryBefore.arrayBuffers) / 1024 / 1024;
  console.log(
    `memory index: loaded ${index.chunkCount.toLocaleString('en')} chunks, ${index.termCount.toLocaleString('en')} terms in ${loadMs.toFixed(0)} ms; typed arrays ${(index.memoryBytes() / 1024 / 1024).toFixed(1)} MB, heap + array buffers grew ${heapMb.toFixed(1)} MB`,
  );
  const sqlite = createRetrievalExecutor(db, { index: 'sqlite' });
  const paths = [
    { label: 'memory index (default)', executor },
    { label: 'SQLite FTS5 (AA_KNOWLEDGE_INDEX=sqlite, and while the memory index loads)', executor: sqlite },
  ];
  for (const path of paths) {
    for (const query of queries.slice(0, 200)) path.executor.search(request(query)); // warm caches
    const times: number[] = [];
    const cpu: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      path.executor.search(request(query));
      const used = process.cpuUsage(cpuStarted);
      times.push(performance.now() - started);
      // CPU time is what the query costs regardless of how many other processes share the cores.
      cpu.push((used.user + used.system) / 1000);
    }
    const { questions } = fixtureQuestions();
    const found = questions.filter(({ question, mustContain }) =>
      path.executor.search({ ...request(question), limit: 3 }).some((hit) => [hit.title, ...hit.headingPath, hit.text].join('\n').toLowerCase().includes(mustContain.toLowerCase())),
    ).length;
    console.log(`query, ${path.label}, in-process: p50 ${format(percentile(times, 0.5))}, p99 ${format(percentile(times, 0.99))}, max ${format(Math.max(...times))}; CPU p50 ${format(percentile(cpu, 0.5))}, p99 ${format(percentile(cpu, 0.99))}; fixture hit rate@3 ${(found / questions.length).toFixed(3)}`);
  }

  // Reference: the naive OR of every word the issue measured at p99 ≈ 31 ms.
  const naive = db.prepare(`SELECT c.id, bm25(knowledge_fts) AS rank FROM knowledge_fts f JOIN knowledge_chunks c ON c.rowid = f.rowid
    WHERE knowledge_fts MATCH ? AND c.set_id IN (?) ORDER BY rank LIMIT 5`);
  const naiveTimes: number[] = [];
  for (const query of queries.slice(0, 300)) {
    const words = (query.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((word) => `"${word}"`);
    if (words.length === 0) continue;
    const started = performance.now();
    naive.all(words.join(' OR '), setId);
    naiveTimes.push(performance.now() - started);
  }
  console.log(`query, naive FTS5 OR of every word (reference): p50 ${format(percentile(naiveTimes, 0.5))}, p99 ${format(percentile(naiveTimes, 0.99))}`);

  // Retrieval as the service runs it: through the worker pool, once the workers have loaded their indexes.
  const pools = [
    { label: 'worker pool (1), memory index', workers: 1, index: 'memory' },
    { label: 'worker pool (2), memory index', workers: 2, index: 'memory' },
    { label: 'worker pool (1), SQLite FTS5', workers: 1, index: 'sqlite' },
  ] as const;
  for (const pool of pools) {
    const reader = make(pool.workers, pool.index);
    const readyStarted = performance.now();
    await reader.retrievalIndexesLoaded();
    const readyMs = performance.now() - readyStarted;
    for (const query of queries.slice(0, 50)) await reader.retrieve({ knowledgeSetIds: [setId], query, limit: 5 });
    const roundTrips: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      await reader.retrieve({ knowledgeSetIds: [setId], query, limit: 5 });
      roundTrips.push(performance.now() - started);
    }
    console.log(`query via ${pool.label}, one at a time (ready after ${readyMs.toFixed(0)} ms): p50 ${format(percentile(roundTrips, 0.5))}, p99 ${format(percentile(roundTrips, 0.99))}`);
    await reader.close();
  }

  const baseline = await simulateChats(null, queries, next);
  const baselineP99 = percentile(baseline.turns, 0.99);
  const line = (label: string, result: { turns: number[]; loopDelayP99: number }) =>
    console.log(
      `  ${label}: turn p50 ${format(percentile(result.turns, 0.5))}, p99 ${format(percentile(result.turns, 0.99))} → adds ${format(percentile(result.turns, 0.99) - baselineP99)} at p99; event-loop delay p99 ${format(result.loopDelayP99)}`,
    );
  console.log(`chat turns, ${CONVERSATIONS} concurrent conversations (message → model call):`);
  line('no retrieval', baseline);
  line('memory index on the main thread', await simulateChats(async (query) => executor.search(request(query)), queries, next));
  line('FTS5 on the main thread', await simulateChats(async (query) => sqlite.search(request(query)), queries, next));
  for (const pool of pools) {
    const reader = make(pool.workers, pool.index);
    await reader.retrievalIndexesLoaded();
    for (const query of queries.slice(0, 50)) await reader.retrieve({ knowledgeSetIds: [setId], query, limit: 5 });
    line(pool.label, await simulateChats((query) => reader.retrieve({ knowledgeSetIds: [setId], query, limit: 5 }), queries, next));
    await reader.close();
  }
  executor.close();
  await writer.close();
  db.close();
  if (process.env.AA_BENCH_KEEP) console.log(`kept ${file}`);
  else fs.rmSync(directory, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((value) => value > 0);
  console.log(`knowledge benchmark on ${os.cpus().length} CPU cores, Node ${process.version}, load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`);
  for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) await benchmark(size);
}

void main();
