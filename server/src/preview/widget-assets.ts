import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logging/logger';

/**
 * The built chat block (scripts/build-blocks.mjs → build/blocks/chat) as the preview page serves
 * it: the very files WordPress serves, so the preview shows the real widget. When the build is
 * missing or older than the sources (a fresh clone, or a developer editing the widget), it is
 * built on first use, so `npm start` alone is enough.
 */
const ROOT = findProjectRoot(__dirname);
export const DEFAULT_BUILD_DIRECTORY = path.join(ROOT, 'build/blocks/chat');
const SOURCE_DIRECTORY = path.join(ROOT, 'blocks/chat');
const BUILD_SCRIPT = path.join(ROOT, 'scripts/build-blocks.mjs');

/**
 * The folder holding the project's package.json: server/src/preview under tsx, dist/service in the
 * compiled build (scripts/build-service.mjs), so a fixed number of `..` would be wrong for one of them.
 */
function findProjectRoot(start: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')).name === 'affiliate-agent') return directory;
    } catch {
      // No (or an unrelated) package.json here: keep walking up.
    }
    if (path.dirname(directory) === directory) return path.resolve(start, '../../..');
  }
}

/** Only the front-end bundles; render.php, block.json and the editor script stay private. */
export const SERVED_FILES: Record<string, string> = {
  'launcher.js': 'text/javascript; charset=utf-8',
  'widget.js': 'text/javascript; charset=utf-8',
  'style-index.css': 'text/css; charset=utf-8',
};

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'test') continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isBuildCurrent(directory: string): boolean {
  const files = Object.keys(SERVED_FILES).map((name) => path.join(directory, name));
  if (!files.every((file) => fs.existsSync(file))) return false;
  // A deployment may ship build/ without the sources; then the build is what there is.
  if (!fs.existsSync(SOURCE_DIRECTORY)) return true;
  const oldestBuilt = Math.min(...files.map((file) => fs.statSync(file).mtimeMs));
  return oldestBuilt >= newestSourceTime(SOURCE_DIRECTORY);
}

export function createWidgetAssets({ directory = DEFAULT_BUILD_DIRECTORY, logger }: { directory?: string; logger?: Logger } = {}) {
  let building: Promise<void> | null = null;

  return {
    directory,
    async ensureBuilt(): Promise<void> {
      if (isBuildCurrent(directory)) return;
      building ??= (async () => {
        if (!fs.existsSync(BUILD_SCRIPT)) throw new Error(`The chat widget is not built and ${BUILD_SCRIPT} is missing.`);
        logger?.info('building the chat widget for the preview page', { directory });
        await promisify(execFile)(process.execPath, [BUILD_SCRIPT, '--out', directory], { cwd: ROOT });
      })().finally(() => {
        building = null;
      });
      await building;
    },
    pathOf(name: string): string | null {
      return Object.hasOwn(SERVED_FILES, name) ? path.join(directory, name) : null;
    },
  };
}
export type WidgetAssets = ReturnType<typeof createWidgetAssets>;
