/**
 * Issue 14, knowledge sync, in a real WordPress 6.5 with the real service and Chromium: the owner
 * chooses the post types in the Knowledge screen and syncs; a page holding only the chat block is
 * listed as skipped and never indexed. With the service stopped, an edit is queued in WordPress (the
 * screen says so, with the error in words; a second edit does not add a second entry); once the
 * service is back, WP-Cron sends it and the agent answers from the new text. Screenshots at 1280 and 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '../../scripts/wordpress/free-port';
import { startService, type ServiceProcess } from '../../scripts/wordpress/service-process';
import { DESKTOP, logIn, MOBILE, newTab, screenshot, type PageProblems } from './support/browser';
import { expectNoHorizontalOverflow } from './support/layout';
import { QUICK_PUSH_RETRY, type E2eStack } from './support/e2e-stack';
import { deliverThroughSite, until } from './support/site-delivery';
import { storySteps } from './support/steps';
import { restAsUser } from './support/wordpress-rest';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

const SUITE = 'knowledge-sync';
const CHAT_ONLY = '<!-- wp:paragraph --><p></p><!-- /wp:paragraph -->\n<!-- wp:affiliate-agent/chat {"agentId":"%AGENT%"} /-->\n';
const payoutText = (when: string) => `<!-- wp:paragraph --><p>Payouts are sent ${when}. The minimum payout is 50 dollars.</p><!-- /wp:paragraph -->`;

interface SiteContentReport {
  selection: { types: string[] };
  queue: { count: number; lastError: string | null };
  pages: Array<{ id: number; title: string; sent: boolean; reason: string | null }>;
}

let stack: E2eStack;
let browser: Browser;
let servicePort: number;
let restarted: ServiceProcess | null = null;
let admin: { context: BrowserContext; page: Page; problems: PageProblems };
let payoutPageId: number;

const appUrl = (hash: string) => `${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#${hash}`;
const siteContent = (page: Page) => page.locator('.aa-site-content');
/** A fresh load of the Knowledge screen (going to the same URL again would only change the hash). */
async function openKnowledge(page: Page): Promise<void> {
  await page.goto(appUrl('/knowledge'));
  await page.reload();
}
const report = async () => (await restAsUser<SiteContentReport>(admin.context, stack.wordpress.url, 'GET', '/affiliate-agent/v1/knowledge-sync')).body;

async function insertPage(title: string, content: string): Promise<number> {
  const result = await stack.wordpress.phpJson<{ id: number }>(`
    $id = wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${JSON.stringify(title)}, 'post_content' => ${JSON.stringify(content)} ), true );
    if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
    echo wp_json_encode( array( 'id' => $id ) );`);
  return result.id;
}

/** The owner's edit, saved through WordPress (save_post → the plugin's push at shutdown). */
async function editPage(id: number, content: string): Promise<void> {
  await stack.wordpress.php(`
    $result = wp_update_post( array( 'ID' => ${id}, 'post_content' => ${JSON.stringify(content)} ), true );
    if ( is_wp_error( $result ) ) { fwrite( STDERR, $result->get_error_message() ); exit( 1 ); }`);
}

/** The Knowledge screen on a phone-sized tab; nothing may scroll sideways. */
async function mobileScreenshot(name: string): Promise<void> {
  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  try {
    await logIn(phone.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
    await phone.page.goto(appUrl('/knowledge'));
    await siteContent(phone.page).waitFor();
    await screenshot(phone.page, SUITE, `${name}-390`, { fullPage: true });
    await expectNoHorizontalOverflow(phone.page);
  } finally {
    await phone.context.close();
  }
}

beforeAll(async () => {
  // A fixed port, so the service can be stopped and started again at the address the plugin knows.
  servicePort = await freePort();
  ({ stack, browser } = await startConnectedSite(SUITE, { muPlugins: [QUICK_PUSH_RETRY], serviceEnv: { AA_PORT: String(servicePort) } }));
  // The sync pulls through the plugin's bridge on 127.0.0.1, which the service refuses unless allowed.
  await deliverThroughSite(stack);
  await insertPage('Chat with us', CHAT_ONLY.replace('%AGENT%', stack.agentId));
  payoutPageId = await insertPage('Payout schedule', payoutText('on the 15th of each month by PayPal'));
  admin = await newTab(browser, { viewport: DESKTOP });
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await restarted?.stop();
  await stack?.stop();
});

step('the owner picks pages only, syncs, and the chat-only page is listed as skipped with the reason', async () => {
  const { page } = admin;
  await page.goto(appUrl('/knowledge'));
  await siteContent(page).getByRole('heading', { name: 'Site content' }).waitFor();
  const chatRow = siteContent(page).locator('tr', { hasText: 'Chat with us' });
  await chatRow.getByText('Holds only the chat block, nothing to answer from.').waitFor();
  expect(await chatRow.getByRole('checkbox').isChecked()).toBe(false);
  expect(await siteContent(page).locator('tr', { hasText: 'Payout schedule' }).getByText('Sent', { exact: true }).count()).toBe(1);

  // "Hello world!" is a post: the owner leaves posts out.
  const posts = siteContent(page).getByRole('checkbox', { name: 'Posts', exact: true });
  expect(await posts.isChecked()).toBe(true);
  await posts.uncheck();
  await page.getByText(/^Site content choice saved/).first().waitFor();
  expect(await posts.isChecked()).toBe(false);
  expect((await report()).selection.types).toEqual(['page']);

  await page.getByLabel('New set name').fill('Site pages');
  await page.getByRole('button', { name: 'Create set' }).click();
  await page.getByRole('heading', { name: 'Site pages' }).waitFor();
  await page.getByRole('button', { name: 'Sync site content' }).click();
  await page.getByText(/^Site content synced: \d+ new/).first().waitFor();
  const sources = page.locator('.aa-set-sources table');
  await sources.getByText('Payout schedule').waitFor();
  const titles = await sources.locator('tbody tr td:first-child').allInnerTexts();
  expect(titles).toContain('Payout schedule');
  expect(titles).not.toContain('Chat with us');
  expect(titles).not.toContain('Hello world!');
  await screenshot(page, SUITE, '01-synced-with-skipped-page-1280', { fullPage: true });
  await mobileScreenshot('01-synced-with-skipped-page');

  // The synced set follows pages now; the agent answers from it.
  const sets = await stack.service.signed<{ knowledgeSets: Array<{ id: string; name: string; wordpress: { types: string[] } | null }> }>('GET', '/v1/knowledge/sets');
  const set = sets.body.knowledgeSets.find((candidate) => candidate.name === 'Site pages')!;
  expect(set.wordpress).toEqual({ types: ['page'] });
  expect((await stack.service.signed('PATCH', `/v1/agents/${stack.agentId}`, { body: { knowledgeSetIds: [set.id] } })).status).toBe(200);
});

step('with the service stopped, an edit waits in WordPress: the screen says how many and why, and a second edit adds no entry', async () => {
  const { page } = admin;
  await stack.service.stop();
  await editPage(payoutPageId, payoutText('every Thursday by bank transfer'));
  await editPage(payoutPageId, payoutText('every Friday by bank transfer'));
  const queued = await report();
  expect(queued.queue.count).toBe(1);
  expect(queued.queue.lastError).toBe('The Affiliate Agent service cannot be reached. (service_unreachable)');
  const scheduled = await stack.wordpress.php(`echo (int) wp_next_scheduled( 'affiliate_agent_retry_content_pushes' );`);
  expect(Number(scheduled)).toBeGreaterThan(0);

  await openKnowledge(page);
  const status = siteContent(page).getByRole('status');
  await status.getByText('1 change waiting to be sent').waitFor();
  await status.getByText('Last error: The Affiliate Agent service cannot be reached. (service_unreachable)').waitFor();
  await screenshot(page, SUITE, '02-change-waiting-1280', { fullPage: true });
  await mobileScreenshot('02-change-waiting');
});

step('once the service is back, WP-Cron sends the change and the agent answers from the new text', async () => {
  const { page } = admin;
  restarted = await startService({ runDir: stack.runDir, allowedOrigins: [stack.wordpress.url], secret: stack.service.secret, env: { AA_PORT: String(servicePort) } });
  expect(restarted.url).toBe(stack.service.url);
  // WP-Cron runs due events when wp-cron.php is requested (WordPress spawns it on page loads).
  await until(
    'WP-Cron to send the queued change',
    async () => {
      await fetch(`${stack.wordpress.url}/wp-cron.php`);
      return (await report()).queue.count === 0;
    },
    30_000,
  );
  await openKnowledge(page);
  await siteContent(page).getByRole('heading', { name: 'Site content' }).waitFor();
  expect(await siteContent(page).getByText(/waiting to be sent/).count()).toBe(0);

  await page.goto(appUrl(`/playground/${stack.agentId}`));
  const transcript = page.getByRole('list', { name: 'Conversation' });
  await transcript.getByRole('listitem').first().waitFor();
  await page.getByLabel('Message', { exact: true }).fill('When are payouts sent?');
  await page.getByRole('button', { name: 'Send' }).click();
  await transcript.getByRole('listitem').nth(2).waitFor();
  const answer = transcript.locator('.aa-transcript__message.is-assistant').last();
  await until('the answer to finish', async () => /Friday/.test(await answer.innerText()), 20_000);
  expect(await answer.innerText()).toMatch(/every Friday by bank transfer/);
  expect(await answer.innerText()).not.toMatch(/15th|Thursday/);
  await screenshot(page, SUITE, '03-answer-from-new-text-1280', { fullPage: true });
  expect(stack.phpProblems()).toEqual([]);
});
