import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * What each open tab was doing when a step failed. A click that waits its whole timeout on
 * "visible, enabled and stable" says nothing about why: the page's script may be stuck (a render
 * loop), the renderer may have stopped producing frames (Playwright's stability check needs two
 * animation frames), or the element really moved. These probes tell those apart in the failure
 * message, so a flaky run on a shared CI machine can be explained instead of re-run.
 */
const openPages = new Set<Page>();

export function trackPage(page: Page): void {
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
}

const PROBE_MS = 3000;

/** The probe's answer, or what stopped it: 'timed out' or 'failed: …'. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    return `failed: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    clearTimeout(timer);
  }
}

const frameTicks = (page: Page) => within(page.evaluate(() => new Promise<string>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve('yes'))))), PROBE_MS);

async function describePage(page: Page, index: number, artifactsDir: string): Promise<string> {
  const script = await within(page.evaluate(() => `${document.visibilityState}, focus ${document.hasFocus()}`), PROBE_MS);
  const frames = await frameTicks(page);
  const lines = [`tab ${index + 1}: ${page.url()}`, `  script answers: ${script}`, `  animation frames tick: ${frames}`];
  if (frames !== 'yes') {
    // A tab Chromium treats as in the background gets no frames; bringing it forward is the known cure.
    await within(page.bringToFront(), PROBE_MS);
    lines.push(`  after bringToFront, frames tick: ${await frameTicks(page)}`);
  }
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `failed-step-tab-${index + 1}.png`);
  const shot = await within(page.screenshot({ path: file, timeout: PROBE_MS }), PROBE_MS + 500);
  lines.push(`  screenshot: ${typeof shot === 'string' ? shot : path.relative(process.cwd(), file)}`);
  return lines.join('\n');
}

/** One block of text describing every open tab; never throws, never waits more than a few seconds per tab. */
export async function describeOpenPages(artifactsDir: string): Promise<string> {
  const pages = [...openPages];
  if (pages.length === 0) return 'no browser tab was open';
  const blocks: string[] = [];
  for (const [index, page] of pages.entries()) blocks.push(await describePage(page, index, artifactsDir));
  return blocks.join('\n');
}
