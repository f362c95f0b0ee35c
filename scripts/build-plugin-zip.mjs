#!/usr/bin/env node
/**
 * Packs the installable plugin: dist/affiliate-agent.zip with one top folder, affiliate-agent/,
 * holding the PHP plugin (plugin/ without its tests), the built chat block (build/blocks/chat),
 * the built admin app (build/admin-ui) and the translations (languages/) — what a store owner
 * uploads in Plugins → Add New → Upload Plugin.
 *
 * Uses the `zip` command when the machine has it, else writes the archive itself with
 * node:zlib (deflate + CRC-32), so no npm package is needed. `--node` forces the built-in writer.
 * A missing build folder is skipped with a warning rather than failing, so the PHP part can be
 * packed before the front-end builds exist; the warning says which command makes it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SLUG = 'affiliate-agent';
const output = join(root, 'dist', `${SLUG}.zip`);

/** What goes where inside affiliate-agent/, and which npm script builds it when it is missing. */
const PARTS = [
  { from: 'plugin', to: '.', required: true, exclude: ['tests', 'phpunit.xml.dist', 'phpunit.xml', 'phpcs.xml.dist', '.phpunit.result.cache'] },
  { from: 'build/blocks/chat', to: 'build/blocks/chat', builtBy: 'npm run build:blocks' },
  { from: 'build/admin-ui', to: 'build/admin-ui', builtBy: 'npm run build:admin' },
  { from: 'languages', to: 'languages', builtBy: 'node scripts/make-pot.mjs' },
];
const IGNORED = /(^|\/)(\.DS_Store|\.gitkeep|.*\.map|node_modules)$/;

function stage() {
  const staging = mkdtempSync(join(tmpdir(), 'aa-plugin-zip-'));
  const top = join(staging, SLUG);
  mkdirSync(top);
  const warnings = [];
  for (const part of PARTS) {
    const source = join(root, part.from);
    if (!existsSync(source) || readdirSync(source).length === 0) {
      if (part.required) throw new Error(`${part.from}/ is missing; it is the plugin itself.`);
      warnings.push(`warning: ${part.from}/ is missing or empty, so the zip has no ${part.to}/. Run \`${part.builtBy}\` first (npm run build does all).`);
      continue;
    }
    cpSync(source, join(top, part.to), {
      recursive: true,
      filter: (path) => {
        const inside = relative(source, path).split(sep).join('/');
        return !(part.exclude ?? []).some((name) => inside === name || inside.startsWith(`${name}/`)) && !IGNORED.test(inside);
      },
    });
  }
  return { staging, warnings };
}

function listFiles(directory, base = directory) {
  const files = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push({ path, name: relative(base, path).split(sep).join('/') + '/', directory: true }, ...listFiles(path, base));
    else files.push({ path, name: relative(base, path).split(sep).join('/'), directory: false });
  }
  return files;
}

function hasZipCommand() {
  return spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** A plain ZIP (PKWARE APPNOTE 4.3.7): local headers, deflated data, central directory. */
function writeZipWithNode(staging, target) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01: fixed, so builds are reproducible
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const file of listFiles(staging)) {
    const name = Buffer.from(file.name, 'utf8');
    const data = file.directory ? Buffer.alloc(0) : readFileSync(file.path);
    const deflated = file.directory ? data : zlib.deflateRawSync(data, { level: 9 });
    const stored = !file.directory && deflated.length >= data.length;
    const body = stored || file.directory ? data : deflated;
    const method = stored || file.directory ? 0 : 8;
    const crc = file.directory ? 0 : zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, name, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the permissions below are read
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(((file.directory ? 0o40755 : 0o100644) << 16) >>> 0, 38);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((size, chunk) => size + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(target, Buffer.concat([...chunks, ...central, end]));
}

function main() {
  const { staging, warnings } = stage();
  try {
    mkdirSync(dirname(output), { recursive: true });
    rmSync(output, { force: true });
    const useNode = process.argv.includes('--node') || !hasZipCommand();
    if (useNode) writeZipWithNode(staging, output);
    else execFileSync('zip', ['-r', '-X', '-q', '-9', output, SLUG], { cwd: staging });
    const files = listFiles(join(staging, SLUG)).filter((file) => !file.directory);
    for (const warning of warnings) console.warn(warning);
    console.log(
      `Wrote ${relative(root, output)} (${(statSync(output).size / 1024).toFixed(1)} KB, ${files.length} files, ${useNode ? 'node:zlib writer' : 'zip command'}).`,
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

main();
