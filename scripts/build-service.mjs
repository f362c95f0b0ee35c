#!/usr/bin/env node
/**
 * Compiles the Node service into dist/service/ so production runs plain `node dist/service/main.js`
 * (no TypeScript compiler at start-up). Several entry points, because worker threads load their own
 * files: main.js, and retrieval-worker.js / pdf-worker.js / html-to-text-worker.js next to it, where
 * knowledge/worker-script.ts looks for them in a compiled build.
 *
 * better-sqlite3 stays external: it is a native module loaded from node_modules at run time. Every
 * other dependency (express, zod, openai, prom-client, unpdf …) is bundled, so a deployment needs
 * only `npm ci --omit=dev` for better-sqlite3, plus build/blocks/chat for the preview page.
 *
 * Usage: node scripts/build-service.mjs [--out <dir>]
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = path.resolve(outFlag > -1 ? process.argv[outFlag + 1] : path.join(root, 'dist/service'));

rmSync(out, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    main: 'server/src/main.ts',
    backup: 'server/src/operations/backup-command.ts',
    'connection-key': 'server/src/operations/connection-key-command.ts',
    'retrieval-worker': 'server/src/knowledge/retrieval-worker.ts',
    'pdf-worker': 'server/src/knowledge/pdf-worker.ts',
    'html-to-text-worker': 'server/src/knowledge/html-to-text-worker.ts',
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Native (better-sqlite3) and only-under-TypeScript (tsx, used by worker-script.ts in development).
  external: ['better-sqlite3', 'tsx', 'tsx/*'],
  logLevel: 'warning',
  metafile: true,
});
// CommonJS even if a parent package.json ever says "type": "module".
writeFileSync(path.join(out, 'package.json'), '{ "type": "commonjs" }\n');
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, info]) => `${path.basename(file)} ${(info.bytes / 1024).toFixed(0)} KB`);
process.stdout.write(`service built into ${path.relative(root, out) || out}: ${bytes.join(', ')}\n`);
