#!/usr/bin/env node
/**
 * `php -l` on every PHP file of the plugin and the chat block, then, when Debian's
 * php-codesniffer is installed, `phpcs` with plugin/phpcs.xml.dist (a WordPress-style subset:
 * WPCS itself is not available offline). When php-cli is missing it says which Debian package
 * to install instead of failing obscurely.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOTS = ['plugin', 'blocks'];

function phpFiles(directory, files = []) {
  if (!existsSync(directory)) return files;
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'vendor') phpFiles(path, files);
    } else if (name.endsWith('.php')) {
      files.push(path);
    }
  }
  return files;
}

if (spawnSync('php', ['-v'], { stdio: 'ignore' }).status !== 0) {
  console.error('php-cli is not installed. On Debian/Ubuntu: apt-get install -y php-cli php-xml php-mbstring phpunit');
  process.exit(1);
}
const files = ROOTS.flatMap((folder) => phpFiles(join(root, folder)));
const failures = [];
for (const file of files) {
  const result = spawnSync('php', ['-d', 'display_errors=stderr', '-l', file], { encoding: 'utf8' });
  if (result.status !== 0) failures.push(`${relative(root, file)}\n${(result.stderr || result.stdout).trim()}`);
}
if (failures.length) {
  console.error(failures.join('\n\n'));
  console.error(`\n${failures.length} of ${files.length} PHP files have syntax errors.`);
  process.exit(1);
}
console.log(`php -l: ${files.length} PHP files, no syntax errors.`);

if (spawnSync('phpcs', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.warn('phpcs not installed, coding-standard check skipped (apt-get install -y php-codesniffer).');
} else {
  const phpcs = spawnSync('phpcs', ['--standard=phpcs.xml.dist', '-q', '--report=full'], { cwd: join(root, 'plugin'), encoding: 'utf8' });
  if (phpcs.status !== 0) {
    console.error(phpcs.stdout || phpcs.stderr);
    process.exit(1);
  }
  console.log('phpcs (plugin/phpcs.xml.dist): no violations.');
}
