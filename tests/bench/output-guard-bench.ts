/**
 * CPU the output guard spends on the relay path (main thread), per reply, as a model streams it in
 * small deltas. Prints figures, asserts nothing. Run: npx tsx tests/bench/output-guard-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { canaryFor, createOutputGuard } from '../../server/src/runtime/output-guard';

const PROMPT = [
  'You are the affiliate program assistant of Brightleaf Outdoors. Answer only from the documentation and the program terms below; never promise earnings.',
  'Owner instructions: be brief, friendly and precise. Always offer to help with the application when a visitor asks how to join. Never discuss competitors.',
];
const SENTENCE = 'Our affiliates earn a commission on every referred sale, paid monthly once the balance passes the minimum, and the cookie lasts thirty days. ';

function run(replyChars: number, deltaChars: number): { totalMs: number; maxCallMs: number; calls: number } {
  const guard = createOutputGuard({ canary: canaryFor('conv_bench'), confidential: PROMPT, allowedOrigins: ['https://shop.example'] });
  const reply = SENTENCE.repeat(Math.ceil(replyChars / SENTENCE.length)).slice(0, replyChars);
  let maxCallMs = 0;
  let calls = 0;
  const started = performance.now();
  for (let index = 0; index < reply.length; index += deltaChars) {
    const before = performance.now();
    guard.accept(reply.slice(index, index + deltaChars));
    maxCallMs = Math.max(maxCallMs, performance.now() - before);
    calls += 1;
  }
  guard.flush();
  return { totalMs: performance.now() - started, maxCallMs, calls };
}

for (let warm = 0; warm < 3; warm += 1) run(2_000, 5);
console.log('output guard, deltas of 5 characters (about one token)');
console.log('reply chars | total ms per reply | slowest accept() ms | calls');
for (const chars of [500, 2_000, 4_000, 8_000]) {
  const samples = Array.from({ length: 5 }, () => run(chars, 5));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`${String(chars).padStart(11)} | ${median(samples.map((s) => s.totalMs)).toFixed(2).padStart(18)} | ${median(samples.map((s) => s.maxCallMs)).toFixed(3).padStart(19)} | ${samples[0].calls}`);
}
