import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, WORDPRESS_BUILDS } from './paths';

export const WORDPRESS_VERSION = '6.5';
export const SQLITE_PLUGIN_FOLDER = 'sqlite-database-integration';

/**
 * A complete WordPress tree, assembled once from @wp-playground/wordpress-builds (no network):
 * the zip holds the PHP files, public/wp-6.5/ the static assets Playground serves separately.
 * Several test workers may ask at once, so each assembles in a private directory and the first
 * rename wins.
 */
export function ensureWordPressSource(version = WORDPRESS_VERSION): string {
  const target = path.join(CACHE_DIR, `wordpress-${version}`);
  if (fs.existsSync(path.join(target, 'wp-settings.php'))) return target;
  const zip = path.join(WORDPRESS_BUILDS, 'src', 'wordpress', `wp-${version}.zip`);
  if (!fs.existsSync(zip)) {
    throw new Error(`${zip} is missing: the dev dependency @wp-playground/wordpress-builds is not installed (run npm ci).`);
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const work = fs.mkdtempSync(path.join(CACHE_DIR, `.assemble-${version}-`));
  execFileSync('unzip', ['-q', '-o', zip, '-d', work]);
  // The zip may hold the tree at its root or inside one folder.
  const root = fs.existsSync(path.join(work, 'wp-settings.php')) ? work : path.join(work, fs.readdirSync(work)[0]);
  execFileSync('cp', ['-rn', path.join(WORDPRESS_BUILDS, 'public', `wp-${version}`) + '/.', root]);
  fs.rmSync(path.join(root, 'wordpress-remote-asset-paths'), { force: true });
  // Playground's pre-made SQLite database would shadow our own install.
  fs.rmSync(path.join(root, 'wp-content', 'database'), { recursive: true, force: true });
  // The SQLite drop-in's plugin folder is shared by every site; each site writes its own db.php.
  const plugins = path.join(root, 'wp-content', 'plugins');
  execFileSync('unzip', ['-q', '-o', sqliteIntegrationZip(), '-d', plugins]);
  const unpacked = fs.readdirSync(plugins).find((name) => name.startsWith('sqlite-database-integration'));
  if (!unpacked) throw new Error('the SQLite integration zip did not unpack as expected');
  if (unpacked !== SQLITE_PLUGIN_FOLDER) fs.renameSync(path.join(plugins, unpacked), path.join(plugins, SQLITE_PLUGIN_FOLDER));
  try {
    fs.renameSync(root, target);
  } catch {
    // Another worker finished first; its tree is identical.
  }
  fs.rmSync(work, { recursive: true, force: true });
  if (!fs.existsSync(path.join(target, 'wp-settings.php'))) throw new Error(`could not assemble WordPress ${version} in ${target}`);
  return target;
}

/** The SQLite database integration (the drop-in Playground itself uses). */
export function sqliteIntegrationZip(): string {
  return path.join(WORDPRESS_BUILDS, 'src', 'sqlite-database-integration', 'sqlite-database-integration.zip');
}
