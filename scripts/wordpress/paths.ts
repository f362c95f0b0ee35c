import path from 'node:path';

// Derived from __filename: under tsx's ESM loader (scripts/demo.mjs) __dirname is not a real path.
const HERE = path.dirname(__filename);
/** Repository root (scripts/wordpress/ is two levels below it). */
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const WORDPRESS_BUILDS = path.join(REPO_ROOT, 'node_modules', '@wp-playground', 'wordpress-builds');
/** Assembled WordPress trees are cached here; node_modules is never committed. */
export const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'affiliate-agent-wordpress');
export const MU_PLUGINS_DIR = path.join(HERE, 'mu-plugins');
export const PLUGIN_ZIP = path.join(REPO_ROOT, 'dist', 'affiliate-agent.zip');
export const PLUGIN_SLUG = 'affiliate-agent';
