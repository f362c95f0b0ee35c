import fs from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from '../../../scripts/wordpress/stack';
import { ensurePluginZip } from '../../../scripts/wordpress/plugin-setup';
import { ARTIFACTS_DIR } from './browser';

export const FAKE_AFFILIATEWP = path.join(__dirname, 'mu-plugins', 'fake-affiliatewp.php');
/** Retries queued content pushes after 2 s instead of 1 minute, so a suite can watch WP-Cron send them. */
export const QUICK_PUSH_RETRY = path.join(__dirname, 'mu-plugins', 'quick-push-retry.php');
export const PAGE_CACHE_DROP_IN = path.join(__dirname, 'drop-ins', 'advanced-cache.php');

export interface E2eStack extends Stack {
  suite: string;
  zip: string;
  /** Lines of the PHP error log and the built-in server's log that report PHP notices, warnings or errors. */
  phpProblems(): string[];
}

/**
 * One suite's own world: the built plugin zip, the real service and a fresh WordPress with the
 * fake AffiliateWP and a page-cache drop-in. Logs are copied to tests/artifacts/<suite>/logs on stop.
 */
export async function startE2eStack(suite: string, options: { allowedOrigins?: string[]; muPlugins?: string[]; serviceEnv?: NodeJS.ProcessEnv } = {}): Promise<E2eStack> {
  const zip = await ensurePluginZip({ quiet: true });
  const stack = await startStack({
    browser: true,
    allowedOrigins: options.allowedOrigins,
    serviceEnv: options.serviceEnv,
    muPlugins: [FAKE_AFFILIATEWP, ...(options.muPlugins ?? [])],
    wordpress: {
      title: 'Affiliate Agent test shop',
      wpContentFiles: { 'advanced-cache.php': PAGE_CACHE_DROP_IN },
      defines: { WP_CACHE: true },
    },
  });
  const logDir = path.join(stack.runDir, 'logs');
  const phpProblems = (): string[] => {
    const lines: string[] = [];
    for (const file of [stack.wordpress.debugLog, stack.wordpress.serverLog]) {
      if (!fs.existsSync(file)) continue;
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (/PHP (Notice|Warning|Deprecated|Fatal error|Parse error)|Doing it wrong|is <strong>deprecated<\/strong>/i.test(line)) lines.push(line);
      }
    }
    return lines;
  };
  return {
    ...stack,
    suite,
    zip,
    phpProblems,
    stop: async () => {
      const target = path.join(ARTIFACTS_DIR, suite, 'logs');
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(target, { recursive: true });
      // Copy before stop() removes the run directory; a failed run is read from these.
      for (const name of fs.existsSync(logDir) ? fs.readdirSync(logDir) : []) fs.copyFileSync(path.join(logDir, name), path.join(target, name));
      await stack.stop();
    },
  };
}
