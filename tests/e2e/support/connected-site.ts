import type { Browser } from 'playwright-core';
import { activatePlugin, connectPlugin, unpackPluginZip } from '../../../scripts/wordpress/plugin-setup';
import { launchBrowser } from './browser';
import { startE2eStack, type E2eStack } from './e2e-stack';

/**
 * What most stories start from: a fresh WordPress with the built plugin zip unpacked, activated and
 * connected to its own service, and a headless Chromium. If any of it fails, what was started is
 * stopped again, so a failed set-up leaves no PHP server, service or browser behind.
 */
export async function startConnectedSite(suite: string, options: Parameters<typeof startE2eStack>[1] = {}): Promise<{ stack: E2eStack; browser: Browser }> {
  const [stack, browser] = await Promise.all([startE2eStack(suite, options), launchBrowser()]);
  try {
    unpackPluginZip(stack.wordpress, stack.zip);
    await activatePlugin(stack.wordpress);
    await connectPlugin(stack.wordpress, stack.service);
    return { stack, browser };
  } catch (error) {
    await browser.close();
    await stack.stop();
    throw error;
  }
}
