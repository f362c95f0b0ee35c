/**
 * Issue 16, the recruitment funnel, in a real WordPress 6.5 with the real service and Chromium: four
 * visitors chat through the widget on two pages (two apply fully, one stops after the name, one only asks
 * a question), the affiliate manager approves one lead in the app, and the Funnel screen's numbers (total,
 * per field, split by page and by UTM source) equal what those visitors did. Screenshots at 1280 and 390 px.
 */
import type { Browser } from 'playwright-core';
import { AFFILIATE_MANAGER_ROLE, createChatPage } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT, type Applicant } from './support/applicant';
import { DESKTOP, logIn, MOBILE, newTab, screenshot } from './support/browser';
import { expectNoHorizontalOverflow } from './support/layout';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { deliverThroughSite } from './support/site-delivery';
import { storySteps } from './support/steps';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(300_000);
const step = storySteps();

const SUITE = 'funnel';
const MANAGER = { login: 'fiona', password: 'manager-password-2', email: 'fiona.manager@shop.test' };
const SECOND: Applicant = { ...PRIORITY_APPLICANT, name: 'Noah Berg', nameAnswer: 'Noah Berg', email: 'noah.berg@example.com', website: 'https://youtube.example/@noahberg' };
let stack: E2eStack;
let browser: Browser;
const pages: { partners: string; join: string } = { partners: '', join: '' };

const appUrl = (hash: string) => `${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#${hash}`;

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite(SUITE));
  await stack.wordpress.createUser({ login: MANAGER.login, password: MANAGER.password, email: MANAGER.email, role: AFFILIATE_MANAGER_ROLE });
  await deliverThroughSite(stack);
  pages.partners = (await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partners', attributes: { displayMode: 'inline' } })).url;
  pages.join = (await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Join us', attributes: { displayMode: 'inline' } })).url;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** One visitor in a fresh browser: opens the page, runs `visit` in the chat, leaves. */
async function visitor(url: string, visit: (chat: ChatWidget) => Promise<void>) {
  const tab = await newTab(browser);
  await tab.page.goto(url);
  const chat = new ChatWidget(tab.page);
  await chat.open();
  await visit(chat);
  await tab.context.close();
}

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

step('four visitors chat: two apply fully, one stops after the name, one only asks a question', async () => {
  await visitor(pages.partners, async (chat) => {
    const { completion } = await applyThroughChat(chat, PRIORITY_APPLICANT, { mailLog: stack.wordpress.mailLog });
    expect(completion).toMatch(/thanks maria lopez/i);
  });
  await visitor(withQuery(pages.join, 'utm_source=newsletter&utm_medium=email'), async (chat) => {
    const { completion } = await applyThroughChat(chat, SECOND, { mailLog: stack.wordpress.mailLog });
    expect(completion).toMatch(/thanks noah berg/i);
  });
  await visitor(pages.partners, async (chat) => {
    expect(await chat.say('I want to become an affiliate')).toMatch(/what is your name/i);
    expect(await chat.say('Lena Park')).toMatch(/what email address/i);
  });
  await visitor(withQuery(pages.join, 'utm_source=newsletter'), async (chat) => {
    expect(await chat.say('What commission do you pay?')).not.toBe('');
  });
});

step('the manager approves the first applicant in the app', async () => {
  const { page, context } = await newTab(browser);
  await logIn(page, stack.wordpress.url, MANAGER.login, MANAGER.password);
  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string }> }>('GET', '/v1/leads', { capabilities: ['aa_review_leads'] });
  const lead = leads.body.items.find((item) => item.email === PRIORITY_APPLICANT.email)!;
  await page.goto(appUrl(`/leads/${lead.id}`));
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.locator('.components-notice, .components-snackbar, .notice').filter({ hasText: /approved/i }).first().waitFor();
  const approved = await stack.service.signed<{ lead: { status: string } }>('GET', `/v1/leads/${lead.id}`, { capabilities: ['aa_review_leads'] });
  expect(approved.body.lead.status).toBe('approved');
  await context.close();
});

step('the Funnel screen shows those conversations: total, per field, by page and by UTM source; it fits 390 px', async () => {
  const { page, context } = await newTab(browser, { viewport: DESKTOP });
  await logIn(page, stack.wordpress.url, MANAGER.login, MANAGER.password);
  await page.goto(appUrl(`/funnel/${stack.agentId}`));
  const count = async (key: string) => Number(await page.locator(`.aa-funnel-steps__step[data-step="${key}"] .aa-funnel-steps__count`).getAttribute('data-count'));
  await page.locator('.aa-funnel-steps').waitFor();
  expect(await count('conversations')).toBe(4);
  expect(await count('started')).toBe(3);
  expect(await count('field:affiliate-application:name')).toBe(3);
  expect(await count('field:affiliate-application:email')).toBe(2);
  expect(await count('field:affiliate-application:consent')).toBe(2);
  expect(await count('submitted')).toBe(2);
  expect(await count('approved')).toBe(1);
  expect(await page.locator('.aa-funnel-steps__step[data-step="field:affiliate-application:email"]').innerText()).toMatch(/1 left here/);
  await page.getByText(/First referral: not available/).waitFor();
  await screenshot(page, SUITE, '01-funnel-1280', { fullPage: true });

  await page.getByLabel('Split by').selectOption('page');
  const row = (key: string) => page.locator(`.aa-funnel__groups tr[data-group="${key}"]`);
  const cell = async (key: string, column: string) => (await row(key).locator(`[data-col="${column}"]`).innerText()).trim();
  const partners = pages.partners;
  const join = pages.join;
  await row(partners).waitFor();
  expect([await cell(partners, 'conversations'), await cell(partners, 'started'), await cell(partners, 'submitted'), await cell(partners, 'approved')]).toEqual(['2', '2', '1', '1']);
  expect([await cell(join, 'conversations'), await cell(join, 'started'), await cell(join, 'submitted'), await cell(join, 'approved')]).toEqual(['2', '1', '1', '0']);

  await page.getByLabel('Split by').selectOption('utm_source');
  await row('newsletter').waitFor();
  expect([await cell('newsletter', 'conversations'), await cell('newsletter', 'submitted')]).toEqual(['2', '1']);
  expect([await cell('', 'conversations'), await cell('', 'submitted'), await cell('', 'approved')]).toEqual(['2', '1', '1']);
  await screenshot(page, SUITE, '02-funnel-by-utm-1280', { fullPage: true });

  // The CSV the button downloads is the same report.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^"Group","Conversations","Application started","Reached: Name/);
  expect(lines.at(-1)).toMatch(/^"Total","4","3","3","2",/);
  await context.close();

  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  await logIn(phone.page, stack.wordpress.url, MANAGER.login, MANAGER.password);
  await phone.page.goto(appUrl(`/funnel/${stack.agentId}`));
  await phone.page.locator('.aa-funnel-steps').waitFor();
  await expectNoHorizontalOverflow(phone.page);
  await screenshot(phone.page, SUITE, '03-funnel-390', { fullPage: true });
  await phone.context.close();
});
