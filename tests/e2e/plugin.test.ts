/**
 * Issue 6 end to end, on a real WordPress 6.5 with the real service (offline engine) and Chromium:
 * a store owner installs the built zip and connects it, an editor places the chat block in the block
 * editor, a visitor applies through the widget, and an affiliate manager sees the lead through the
 * plugin's proxy but nothing only an administrator may do. A fully page-cached copy of the page
 * keeps working, because the widget asks for its token at the first click.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AFFILIATE_MANAGER_ROLE, PLUGIN_FILE, createChatPage, dismissEditorWelcomeGuide } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT } from './support/applicant';
import { blocksInEditor, canvas, insertBlockFromInserter, openNewPage, publish, typeTitle } from './support/block-editor';
import { DESKTOP, launchBrowser, logIn, MOBILE, newTab, screenshot, type PageProblems } from './support/browser';
import { ChatWidget } from './support/chat-widget';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { storySteps } from './support/steps';
import { connectionKey } from './support/connection-key';
import { restAsUser } from './support/wordpress-rest';

jest.setTimeout(240_000);
const step = storySteps();

const SUITE = 'plugin';
let stack: E2eStack;
let browser: Browser;
let admin: { context: BrowserContext; page: Page; problems: PageProblems };
let chatPage: { id: number; link: string };
const MANAGER = { login: 'manager', password: 'manager-password-1', email: 'manager@shop.test' };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startE2eStack(SUITE), launchBrowser()]);
  await dismissEditorWelcomeGuide(stack.wordpress, 1);
  admin = await newTab(browser);
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('an administrator uploads the built zip in Plugins → Add New and activates it without PHP notices', async () => {
  const { page } = admin;
  await page.goto(`${stack.wordpress.url}/wp-admin/plugin-install.php?tab=upload`);
  await page.setInputFiles('input[name="pluginzip"]', stack.zip);
  await page.getByRole('button', { name: /install now/i }).click();
  await page.getByText(/plugin installed successfully/i).waitFor();
  await screenshot(page, SUITE, '01-plugin-installed');
  await page.getByRole('link', { name: /activate plugin/i }).click();
  await page.waitForURL(/plugins\.php/);
  const active = await stack.wordpress.php(`require_once ABSPATH . 'wp-admin/includes/plugin.php'; echo is_plugin_active( '${PLUGIN_FILE}' ) ? 'yes' : 'no';`);
  expect(active.trim()).toBe('yes');
  await screenshot(page, SUITE, '02-plugin-activated');
  expect(stack.phpProblems()).toEqual([]);
});

step('the old settings page leads to Affiliate Agent → Settings, where one pasted connection key connects in one step', async () => {
  const { page } = admin;
  await page.goto(`${stack.wordpress.url}/wp-admin/options-general.php?page=affiliate-agent-settings`);
  await page.waitForURL(/admin\.php\?page=affiliate-agent#\/settings$/);
  await page.getByLabel('Connection key', { exact: true }).fill(connectionKey(stack.service));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.locator('.aa-connection').getByText(/connected to http/i).first().waitFor();
  await screenshot(page, SUITE, '03-settings-connected');
  // The secret is never printed back in full.
  expect(await page.content()).not.toContain(stack.service.secret);
});

step('an editor inserts the chat block in the block editor, picks the agent and publishes the page', async () => {
  const { page } = admin;
  await openNewPage(page, stack.wordpress.url);
  await typeTitle(page, 'Join our affiliate program');
  await insertBlockFromInserter(page, 'Affiliate Agent', 'Affiliate Agent Chat');
  // The agent list comes from the service through the plugin's proxy.
  const target = await canvas(page);
  await target.getByLabel('Agent', { exact: true }).selectOption(stack.agentId);
  const blocks = await blocksInEditor(page);
  expect(blocks.find((block) => block.name === 'affiliate-agent/chat')?.attributes.agentId).toBe(stack.agentId);
  await screenshot(page, SUITE, '04-block-editor');
  chatPage = await publish(page);
  expect(chatPage.link).toContain(stack.wordpress.url);
  expect(admin.problems.errors).toEqual([]);
});

step('a visitor completes an affiliate application through the widget on the offline engine', async () => {
  const visitor = await newTab(browser, { viewport: DESKTOP });
  const { page } = visitor;
  await page.goto(chatPage.link);
  const chat = new ChatWidget(page);
  await screenshot(page, SUITE, '05-visitor-page-desktop');
  await chat.open();
  const { completion } = await applyThroughChat(chat, PRIORITY_APPLICANT, { mailLog: stack.wordpress.mailLog });
  expect(completion).toMatch(/thanks maria lopez/i);
  // The completion is said once (not once from `action-completed` and again from the text stream).
  expect(completion.match(/thanks maria lopez/gi)).toHaveLength(1);
  await screenshot(page, SUITE, '06-visitor-applied-desktop');
  expect(visitor.problems.errors).toEqual([]);
  await visitor.context.close();

  // The same page on a phone.
  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  await phone.page.goto(chatPage.link);
  const mobileChat = new ChatWidget(phone.page);
  await mobileChat.open();
  await mobileChat.say('How do I join your affiliate program?');
  await screenshot(phone.page, SUITE, '07-visitor-mobile');
  expect(phone.problems.errors).toEqual([]);
  await phone.context.close();
});

step('an affiliate manager sees the lead through the proxy and is refused what only administrators may do', async () => {
  await stack.wordpress.createUser({ ...MANAGER, role: AFFILIATE_MANAGER_ROLE });
  const manager = await newTab(browser);
  await logIn(manager.page, stack.wordpress.url, MANAGER.login, MANAGER.password);

  const leads = await restAsUser<{ items: Array<{ email: string | null; route: string; status: string }> }>(
    manager.context,
    stack.wordpress.url,
    'GET',
    '/affiliate-agent/v1/admin/leads',
  );
  expect(leads.status).toBe(200);
  const lead = leads.body.items.find((item) => item.email === PRIORITY_APPLICANT.email);
  expect(lead).toBeDefined();
  expect(lead!.route).toBe('priority');

  const createAgent = await restAsUser(manager.context, stack.wordpress.url, 'POST', '/affiliate-agent/v1/admin/agents', { name: 'Not allowed' });
  expect(createAgent.status).toBe(403);
  const actions = await restAsUser(manager.context, stack.wordpress.url, 'GET', `/affiliate-agent/v1/admin/agents/${stack.agentId}/actions`);
  expect(actions.status).toBe(403);
  await manager.context.close();
});

step('a fully page-cached copy of the page still works: the token is fetched at the first click', async () => {
  // What a page cache stores: the HTML an anonymous visitor got.
  const html = await (await fetch(chatPage.link)).text();
  expect(html).toContain('wp-block-affiliate-agent-chat');
  expect(html).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/); // no token in the markup
  const cachePath = new URL(chatPage.link).pathname.replace(/\/$/, '');
  const cacheFile = path.join(stack.wordpress.siteDir, 'wp-content', 'cache', 'aa-e2e', cachePath, 'index.html');
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, html);

  const visitor = await newTab(browser);
  const { page } = visitor;
  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('affiliate-agent')) sessionRequests.push(request.url());
  });
  const response = await page.goto(chatPage.link);
  expect(response?.headers()['x-aa-e2e-cache']).toBe('HIT');
  expect(sessionRequests).toEqual([]);
  const chat = new ChatWidget(page);
  await chat.open();
  expect(sessionRequests.length).toBeGreaterThan(0);
  const answer = await chat.say('I want to become an affiliate');
  expect(answer).toMatch(/name/i);
  await screenshot(page, SUITE, '08-cached-page');
  expect(visitor.problems.errors).toEqual([]);
  await visitor.context.close();
});

step('a visitor who types and presses Enter before the widget has arrived gets the answer, without retyping', async () => {
  const inlinePage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Ask us anything', attributes: { displayMode: 'inline' } });
  const visitor = await newTab(browser, { viewport: DESKTOP });
  const { page } = visitor;
  // A slow connection: the full widget arrives two seconds after the first interaction.
  let release: () => void = () => undefined;
  const widgetHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/widget\.js(\?|$)/, async (route) => {
    await widgetHeld;
    await route.continue();
  });
  await page.goto(inlinePage.url);
  const chat = new ChatWidget(page);
  const staticComposer = chat.root.getByRole('textbox');
  await staticComposer.click();
  await staticComposer.fill('I want to become an affiliate');
  await staticComposer.press('Enter');
  expect(await chat.root.evaluate((node) => node.classList.contains('is-ready'))).toBe(false); // still the static panel
  setTimeout(release, 2_000);
  const answer = await chat.nextAnswer(1); // the static greeting is the first assistant message
  expect(answer).toMatch(/name/i);
  expect(await chat.root.getByRole('textbox').inputValue()).toBe('');
  expect(visitor.problems.errors).toEqual([]);
  await visitor.context.close();
});

step('an administrator switches the agent off: WordPress mints no visitor token for it, and the cached page says the chat is unavailable', async () => {
  // Through the plugin's proxy, as the admin app does: that also clears the block's cached agent list.
  const off = await restAsUser(admin.context, stack.wordpress.url, 'PATCH', `/affiliate-agent/v1/admin/agents/${stack.agentId}`, { enabled: false });
  expect(off.status).toBe(200);

  const visitor = await newTab(browser);
  const refused = await visitor.context.request.post(`${stack.wordpress.url}/wp-json/affiliate-agent/v1/session`, { data: { agentId: stack.agentId } });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { code?: string; token?: unknown };
  expect(body.code).toBe('agent_disabled');
  expect(body.token).toBeUndefined();

  // The page cache still serves the block; at the first click the widget meets the refusal.
  const response = await visitor.page.goto(chatPage.link);
  expect(response?.headers()['x-aa-e2e-cache']).toBe('HIT');
  const chat = new ChatWidget(visitor.page);
  await chat.open();
  await chat.root.getByRole('alert').getByText(/not available right now/i).waitFor();
  await screenshot(visitor.page, SUITE, '09-agent-switched-off');
  await visitor.context.close();
});

test('the whole run left no PHP notice, warning or error in the logs', () => {
  expect(stack.phpProblems()).toEqual([]);
});
