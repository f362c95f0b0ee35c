/**
 * Issue 14, the owner's first hour, in a real WordPress 6.5 with the real service and Chromium. The
 * service runs as an owner starts it (no AA_ALLOWED_ORIGINS): the dashboard reminder leads to
 * Affiliate Agent → Settings, one pasted connection key connects in one step, the setup checklist
 * ticks itself as the docs arrive, the seeded agent answers in the playground (no CORS setting
 * needed), and placing and publishing the block completes the list. Screenshots at 1280 and 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { activatePlugin, createChatPage, unpackPluginZip } from '../../scripts/wordpress/plugin-setup';
import { loadSampleDocs } from '../../scripts/wordpress/sample-docs';
import { DESKTOP, launchBrowser, logIn, MOBILE, newTab, screenshot, type PageProblems } from './support/browser';
import { expectNoHorizontalOverflow } from './support/layout';
import { connectionKey } from './support/connection-key';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { storySteps } from './support/steps';

jest.setTimeout(240_000);
const step = storySteps();

const SUITE = 'first-hour';
let stack: E2eStack;
let browser: Browser;
let admin: { context: BrowserContext; page: Page; problems: PageProblems };

const appUrl = (hash: string) => `${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#${hash}`;
const checklist = (page: Page) => page.locator('.aa-setup-checklist');

/** The same screen on a phone-sized tab, logged in as the administrator. */
async function mobileScreenshot(hash: string, name: string): Promise<void> {
  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  try {
    await logIn(phone.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
    await phone.page.goto(appUrl(hash));
    await phone.page.locator('.aa-settings, .aa-playground, .aa-agents').first().waitFor();
    await phone.page.locator('.aa-setup-checklist, .aa-transcript').first().waitFor();
    await screenshot(phone.page, SUITE, `${name}-390`, { fullPage: true });
    await expectNoHorizontalOverflow(phone.page);
  } finally {
    await phone.context.close();
  }
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startE2eStack(SUITE, { allowedOrigins: [] }), launchBrowser()]);
  unpackPluginZip(stack.wordpress, stack.zip);
  await activatePlugin(stack.wordpress);
  admin = await newTab(browser, { viewport: DESKTOP });
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('the dashboard reminder names Affiliate Agent → Settings, where one pasted key connects and pairs the site', async () => {
  const { page } = admin;
  await page.goto(`${stack.wordpress.url}/wp-admin/`);
  await page.getByRole('link', { name: 'Paste the connection key in Affiliate Agent → Settings' }).click();
  await page.waitForURL(/admin\.php\?page=affiliate-agent#\/settings$/);
  await page.getByRole('heading', { name: 'Connection to the service' }).waitFor();
  await screenshot(page, SUITE, '01-settings-not-connected-1280', { fullPage: true });

  await page.getByLabel('Connection key', { exact: true }).fill('the-secret-from-the-console');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'This is not a connection key' }).waitFor();

  await page.getByLabel('Connection key', { exact: true }).fill(connectionKey(stack.service));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.locator('.aa-connection').getByText(/^Connected to http/).first().waitFor();
  await checklist(page).getByText(/of 5 done/).waitFor();
  await page.getByRole('heading', { name: 'AffiliateWP and notifications' }).waitFor();
  await screenshot(page, SUITE, '02-settings-connected-1280', { fullPage: true });
  expect(await page.content()).not.toContain(stack.service.secret);
  // Connecting told the service where this site is (bridge, lead links, chat origin).
  const delivery = await stack.service.signed<{ settings: { wordpress: { siteUrl: string | null } } }>('GET', '/v1/settings/delivery');
  expect(delivery.body.settings.wordpress.siteUrl).toBe(stack.wordpress.url);
  await mobileScreenshot('/settings', '02-settings-connected');
});

step('the checklist ticks "docs" by itself once program docs reach the agent', async () => {
  const { page } = admin;
  await checklist(page).getByText('1 of 5 done').waitFor();
  await loadSampleDocs(stack.service, stack.agentId);
  // The owner comes back to the tab (from Knowledge, or another window).
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await checklist(page).getByText('2 of 5 done').waitFor();
  expect(await checklist(page).locator('.aa-setup-checklist__step.is-done').allInnerTexts()).toEqual([expect.stringContaining('Set up your agent'), expect.stringContaining('Add your program docs')]);
});

step('the seeded agent answers in the playground without any allowed-origin setting', async () => {
  const { page } = admin;
  await checklist(page).getByRole('link', { name: 'Open the playground' }).click();
  await page.waitForURL(/#\/playground\/agt_/);
  const transcript = page.getByRole('list', { name: 'Conversation' });
  await transcript.getByRole('listitem').first().waitFor();
  await page.getByLabel('Message', { exact: true }).fill('What is the commission rate?');
  const recorded = page.waitForResponse((response) => /setup(%2F|\/)playground/.test(response.url()));
  await page.getByRole('button', { name: 'Send' }).click();
  await transcript.getByRole('listitem').nth(2).waitFor();
  await page.getByText(/answering with the offline engine/i).waitFor();
  expect(await page.locator('.components-notice.is-error').count()).toBe(0);
  expect(await transcript.locator('.aa-transcript__message.is-assistant').last().innerText()).toMatch(/8\s?%/);
  expect((await recorded).status()).toBe(200);
  await screenshot(page, SUITE, '03-playground-1280', { fullPage: true });
  expect(admin.problems.errors.filter((line) => /CORS|origin/i.test(line))).toEqual([]);
});

step('placing the block and publishing the page completes the checklist, which links to the live page', async () => {
  const { page } = admin;
  const live = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Join our affiliate program' });
  await page.goto(appUrl('/settings'));
  await checklist(page).getByText('5 of 5 done').waitFor();
  expect(await checklist(page).getByRole('link', { name: 'View the page' }).getAttribute('href')).toBe(live.url);
  await screenshot(page, SUITE, '04-checklist-done-1280', { fullPage: true });
  await mobileScreenshot('/settings', '04-checklist-done');
  // Done: the Agents screen no longer shows the list.
  await page.goto(appUrl('/agents'));
  await page.getByRole('heading', { name: 'Agents' }).waitFor();
  expect(await checklist(page).count()).toBe(0);
  expect(stack.phpProblems()).toEqual([]);
});
