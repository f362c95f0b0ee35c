import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../../scripts/wordpress/system-requirements';
import { REPO_ROOT } from '../../../scripts/wordpress/paths';
import { trackPage } from './page-health';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'artifacts');

export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 390, height: 844 };

/**
 * Debian's Chromium driven by playwright-core. Playwright gives every launch a fresh temporary
 * profile (its own --user-data-dir); the flags keep Chromium from calling home offline.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Everything the page complained about, to fail a test with a useful message. */
export interface PageProblems {
  errors: string[];
}

export async function newTab(browser: Browser, options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    isMobile: options.isMobile,
    hasTouch: options.isMobile,
    deviceScaleFactor: 1,
  });
  // Generous: CI machines are shared, and wp-admin pages cost seconds of PHP when they are busy.
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  trackPage(page);
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Offline, Chromium cannot resolve external hosts (gravatar.com, s.w.org); those failures are
    // the sandbox, not the product. Everything else counts.
    if (message.type() === 'error' && !message.text().includes('net::ERR_NAME_NOT_RESOLVED')) problems.errors.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page: Page, suite: string, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const file = path.join(ARTIFACTS_DIR, suite, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

/** Logs in through wp-login.php as a person would, leaving the session cookie in the context. */
export async function logIn(page: Page, siteUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${siteUrl}/wp-login.php`);
  await page.fill('#user_login', login);
  await page.fill('#user_pass', password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
}
