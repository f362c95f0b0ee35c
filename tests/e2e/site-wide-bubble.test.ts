/**
 * Issue 14, the site-wide bubble, in a real WordPress 6.5 with the real service and Chromium: the
 * owner switches the floating chat on in Settings for posts only; a post without the block shows
 * the bubble (the chat block's own markup and printed configuration, nothing fetched before the
 * first click) and a visitor gets an answer; a page without the block shows none; a page with the
 * block shows exactly one launcher, the block's; a disabled agent shows no bubble anywhere.
 * Screenshots at 1280 and 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { loadSampleDocs } from '../../scripts/wordpress/sample-docs';
import { DESKTOP, logIn, MOBILE, newTab, screenshot, type PageProblems } from './support/browser';
import { expectNoHorizontalOverflow } from './support/layout';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { storySteps } from './support/steps';
import { restAsUser } from './support/wordpress-rest';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

const SUITE = 'site-wide-bubble';
const BLOCK = '.wp-block-affiliate-agent-chat';
let stack: E2eStack;
let browser: Browser;
let admin: { context: BrowserContext; page: Page; problems: PageProblems };
let post: { id: number; url: string };
let plainPage: { id: number; url: string };
let blockPage: { id: number; url: string };

/** A published post or page with only a paragraph: no chat block. */
async function createPlain(type: 'post' | 'page', title: string): Promise<{ id: number; url: string }> {
  const content = JSON.stringify('<!-- wp:paragraph --><p>Our affiliates earn on every order they refer.</p><!-- /wp:paragraph -->');
  return stack.wordpress.phpJson<{ id: number; url: string }>(`
    $id = wp_insert_post( array( 'post_type' => ${JSON.stringify(type)}, 'post_status' => 'publish', 'post_title' => ${JSON.stringify(title)}, 'post_content' => ${content} ), true );
    if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
    echo wp_json_encode( array( 'id' => $id, 'url' => get_permalink( $id ) ) );`);
}

/** What the page holds of the chat: wrappers, launcher buttons and instances in the printed configuration. */
async function chatOnPage(page: Page): Promise<{ wrappers: number; launchers: number; instances: number; positions: string[] }> {
  return page.evaluate((root) => {
    const config = (window as unknown as { affiliateAgentChatConfig?: { instances?: Record<string, unknown> } }).affiliateAgentChatConfig;
    return {
      wrappers: document.querySelectorAll(root).length,
      launchers: document.querySelectorAll(`${root}__bubble`).length,
      instances: config?.instances ? Object.keys(config.instances).length : 0,
      positions: Array.from(document.querySelectorAll(root)).map((node) => (node.className.match(/is-position-[a-z-]+/) ?? [''])[0]),
    };
  }, BLOCK);
}

/** A visitor's tab (no cookies) that records every request the page makes. */
async function visitorTab(viewport: { width: number; height: number }, isMobile = false) {
  const tab = await newTab(browser, { viewport, isMobile });
  const requests: string[] = [];
  tab.page.on('request', (request) => requests.push(request.url()));
  return { ...tab, requests };
}

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite(SUITE));
  await loadSampleDocs(stack.service, stack.agentId);
  [post, plainPage, blockPage] = await Promise.all([
    createPlain('post', 'How our affiliates earn'),
    createPlain('page', 'About the shop'),
    createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Join our affiliate program', attributes: { position: 'bottom-left' } }),
  ]);
  admin = await newTab(browser, { viewport: DESKTOP });
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('before the owner switches it on, a post without the block has no chat', async () => {
  const visitor = await visitorTab(DESKTOP);
  await visitor.page.goto(post.url);
  expect(await chatOnPage(visitor.page)).toMatchObject({ wrappers: 0, instances: 0 });
  await visitor.context.close();
});

step('the owner switches the bubble on in Settings for posts only', async () => {
  const { page } = admin;
  await page.goto(`${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#/settings`);
  const card = page.locator('.aa-site-bubble');
  await card.getByRole('heading', { name: 'Chat on every page' }).waitFor();
  await card.getByLabel('Agent', { exact: true }).locator(`option[value="${stack.agentId}"]`).waitFor({ state: 'attached' });
  // Switched on without a post type chosen: refused, and the reason is under the list.
  await card.getByLabel('Show the chat bubble site-wide').check();
  await card.getByLabel('Agent', { exact: true }).selectOption(stack.agentId);
  await card.getByRole('radio', { name: 'Single views of chosen post types' }).check();
  await card.getByRole('button', { name: 'Save chat bubble' }).click();
  await card.getByRole('alert').filter({ hasText: 'Choose at least one post type' }).waitFor();

  await card.getByRole('checkbox', { name: 'Posts', exact: true }).check();
  await card.getByRole('button', { name: 'Save chat bubble' }).click();
  await page.getByText('Chat bubble settings saved.').first().waitFor();
  await screenshot(page, SUITE, '01-settings-bubble-on-1280', { fullPage: true });
  const stored = await restAsUser<{ settings: unknown }>(admin.context, stack.wordpress.url, 'GET', '/affiliate-agent/v1/site-bubble');
  expect(stored.body.settings).toEqual({ enabled: true, agentId: stack.agentId, where: 'post_types', postTypes: ['post'] });

  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  await logIn(phone.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
  await phone.page.goto(`${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#/settings`);
  await phone.page.locator('.aa-site-bubble').getByRole('checkbox', { name: 'Posts', exact: true }).waitFor();
  await phone.page.locator('.aa-site-bubble').scrollIntoViewIfNeeded();
  await screenshot(phone.page, SUITE, '01-settings-bubble-on-390');
  await expectNoHorizontalOverflow(phone.page);
  await phone.context.close();
});

step('a post without the block shows the bubble, loads nothing more before the click, and a visitor gets an answer', async () => {
  const visitor = await visitorTab(DESKTOP);
  await visitor.page.goto(post.url);
  await visitor.page.locator(`${BLOCK}__bubble`).waitFor();
  expect(await chatOnPage(visitor.page)).toEqual({ wrappers: 1, launchers: 1, instances: 1, positions: ['is-position-bottom-right'] });
  await visitor.page.waitForLoadState('networkidle');
  expect(visitor.requests.filter((url) => /widget\.js|affiliate-agent\/v1\/session|:\/\/[^/]+\/v1\//.test(url))).toEqual([]);
  await screenshot(visitor.page, SUITE, '02-post-bubble-1280');

  const chat = new ChatWidget(visitor.page);
  await chat.open();
  const answer = await chat.say('What is the commission rate?');
  expect(answer).toMatch(/8\s?%/);
  await screenshot(visitor.page, SUITE, '03-post-answer-1280');
  expect(visitor.problems.errors).toEqual([]);
  await visitor.context.close();

  const phone = await visitorTab(MOBILE, true);
  await phone.page.goto(post.url);
  await phone.page.locator(`${BLOCK}__bubble`).waitFor();
  await screenshot(phone.page, SUITE, '02-post-bubble-390');
  const mobileChat = new ChatWidget(phone.page);
  await mobileChat.open();
  expect(await mobileChat.say('How do I join your affiliate program?')).not.toBe('');
  await screenshot(phone.page, SUITE, '03-post-answer-390');
  expect(phone.problems.errors).toEqual([]);
  await phone.context.close();
});

step('a page without the block shows no bubble (pages were not chosen)', async () => {
  const visitor = await visitorTab(DESKTOP);
  await visitor.page.goto(plainPage.url);
  await visitor.page.getByText('Our affiliates earn on every order they refer.').waitFor();
  expect(await chatOnPage(visitor.page)).toEqual({ wrappers: 0, launchers: 0, instances: 0, positions: [] });
  expect(visitor.requests.filter((url) => /launcher\.js/.test(url))).toEqual([]);
  await visitor.context.close();
});

step('with the bubble everywhere, a page with the block shows exactly one launcher, the block’s own', async () => {
  const saved = await restAsUser(admin.context, stack.wordpress.url, 'PUT', '/affiliate-agent/v1/site-bubble', { enabled: true, agentId: stack.agentId, where: 'everywhere', postTypes: [] });
  expect(saved.status).toBe(200);
  const visitor = await visitorTab(DESKTOP);
  await visitor.page.goto(blockPage.url);
  await visitor.page.locator(`${BLOCK}__bubble`).waitFor();
  // The block asked for bottom-left; the agent's own position (the bubble's) is bottom-right.
  expect(await chatOnPage(visitor.page)).toEqual({ wrappers: 1, launchers: 1, instances: 1, positions: ['is-position-bottom-left'] });
  await screenshot(visitor.page, SUITE, '04-page-with-block-1280');
  await visitor.context.close();

  const phone = await visitorTab(MOBILE, true);
  await phone.page.goto(blockPage.url);
  await phone.page.locator(`${BLOCK}__bubble`).waitFor();
  expect((await chatOnPage(phone.page)).launchers).toBe(1);
  await screenshot(phone.page, SUITE, '04-page-with-block-390');
  await phone.context.close();

  // And the plain page now gets the bubble too.
  const plain = await visitorTab(DESKTOP);
  await plain.page.goto(plainPage.url);
  await plain.page.locator(`${BLOCK}__bubble`).waitFor();
  expect((await chatOnPage(plain.page)).launchers).toBe(1);
  await plain.context.close();
});

step('a disabled agent shows no bubble anywhere', async () => {
  const off = await restAsUser(admin.context, stack.wordpress.url, 'PATCH', `/affiliate-agent/v1/admin/agents/${stack.agentId}`, { enabled: false });
  expect(off.status).toBe(200);
  const visitor = await visitorTab(DESKTOP);
  await visitor.page.goto(post.url);
  await visitor.page.getByText('Our affiliates earn on every order they refer.').waitFor();
  expect(await chatOnPage(visitor.page)).toMatchObject({ wrappers: 0, launchers: 0, instances: 0 });
  await visitor.context.close();
  expect(stack.phpProblems()).toEqual([]);
});
