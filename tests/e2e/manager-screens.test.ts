/**
 * Issue 14, the affiliate manager's screens, in a real WordPress 6.5 with the real service and
 * Chromium: a visitor applies through the seeded agent; the manager logs in and lands on Leads, the
 * menu item counts the new priority lead, the inbox fits a phone, the lead page, the new-lead email,
 * the CSV and the privacy export name answers by their labels (not `audience_size`,
 * `organic_social`, `true`), and the activity log names who changed the status; a rejection tells
 * the applicant; Settings shows the applicant emails with a preview. Screenshots at 1280 and 390 px.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AFFILIATE_MANAGER_ROLE, createChatPage } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT } from './support/applicant';
import { DESKTOP, logIn, MOBILE, newTab, screenshot, type PageProblems } from './support/browser';
import { expectNoHorizontalOverflow } from './support/layout';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { deliverThroughSite } from './support/site-delivery';
import { storySteps } from './support/steps';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

const SUITE = 'manager-screens';
const MANAGER = { login: 'maria', password: 'manager-password-1', email: 'maria.manager@shop.test', displayName: 'Maria Manager' };
let stack: E2eStack;
let browser: Browser;
let manager: { context: BrowserContext; page: Page; problems: PageProblems };
let leadId = '';

const appUrl = (hash: string) => `${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#${hash}`;

interface CapturedMail {
  to: string | string[];
  subject: string;
  message: string;
}
const mails = (): CapturedMail[] =>
  fs.existsSync(stack.wordpress.mailLog)
    ? fs
        .readFileSync(stack.wordpress.mailLog, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as CapturedMail)
    : [];

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite(SUITE));
  const userId = await stack.wordpress.createUser({ login: MANAGER.login, password: MANAGER.password, email: MANAGER.email, role: AFFILIATE_MANAGER_ROLE });
  await stack.wordpress.php(`wp_update_user( array( 'ID' => ${userId}, 'display_name' => '${MANAGER.displayName}' ) );`);
  // The manager hears about new leads by email, sent through this WordPress (the bridge on 127.0.0.1).
  await deliverThroughSite(stack, { notifications: { recipients: [MANAGER.email] } });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('a visitor applies through the seeded agent and becomes a priority lead', async () => {
  const chatPage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Become a partner', attributes: { displayMode: 'inline' } });
  const visitor = await newTab(browser);
  await visitor.page.goto(chatPage.url);
  const chat = new ChatWidget(visitor.page);
  await chat.open();
  const { completion } = await applyThroughChat(chat, PRIORITY_APPLICANT, { mailLog: stack.wordpress.mailLog });
  expect(completion).toMatch(/thanks maria lopez/i);
  await visitor.context.close();
  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string; route: string }> }>('GET', '/v1/leads?route=priority', { capabilities: ['aa_review_leads'] });
  const lead = leads.body.items.find((item) => item.email === PRIORITY_APPLICANT.email);
  expect(lead).toBeDefined();
  leadId = lead!.id;
});

step('the new-lead email names each answer by its label and shows option labels', async () => {
  const deadline = Date.now() + 60_000;
  let notification: CapturedMail | undefined;
  while (!notification && Date.now() < deadline) {
    notification = mails().find((mail) => JSON.stringify(mail.to).includes(MANAGER.email) && /new lead/i.test(mail.subject));
    if (!notification) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(notification).toBeDefined();
  const body = notification!.message;
  expect(body).toContain('Main platform');
  expect(body).toContain('YouTube');
  expect(body).toContain('Traffic source');
  expect(body).toContain('Organic social content');
  expect(body).toContain('250,000');
  expect(body).not.toMatch(/audience_size|organic_social|traffic_source/);
});

step('the manager logs in and lands on Leads, with the new priority lead counted on the menu item', async () => {
  manager = await newTab(browser, { viewport: DESKTOP });
  const { page } = manager;
  await logIn(page, stack.wordpress.url, MANAGER.login, MANAGER.password);
  await page.waitForURL(/admin\.php\?page=affiliate-agent#\/leads$/);
  await page.getByRole('tab', { name: 'Priority' }).waitFor();
  const menuItem = page.locator('#adminmenu a.toplevel_page_affiliate-agent');
  expect(await menuItem.locator('.awaiting-mod .pending-count').innerText()).toBe('1');
  expect(await menuItem.locator('.screen-reader-text').innerText()).toBe('1 new priority lead');
  await page.getByRole('row').filter({ hasText: PRIORITY_APPLICANT.email }).waitFor();
  await screenshot(page, SUITE, '01-leads-1280', { fullPage: true });
});

step('the lead page shows labels, option labels and numbers in the site language; the activity log names who changed the status', async () => {
  const { page } = manager;
  await page.goto(appUrl(`/leads/${leadId}`));
  const answers = page.locator('.aa-answers');
  await answers.getByRole('rowheader', { name: 'Main platform' }).waitFor();
  const text = await answers.innerText();
  expect(text).toMatch(/Main platform\s+YouTube/);
  expect(text).toMatch(/Audience size\s+250,000/);
  expect(text).toMatch(/Traffic source\s+Organic social content/);
  expect(text).toMatch(/Consent\s+Agreed/);
  expect(text).not.toMatch(/audience_size|organic_social|\btrue\b/);

  const changed = page.waitForResponse((response) => /leads(%2F|\/)lead_/.test(response.url()) && response.request().method() !== 'GET');
  await page.getByLabel('Status').selectOption('contacted');
  expect((await changed).status()).toBe(200);
  const entry = page.locator('.aa-activity li').filter({ hasText: MANAGER.displayName });
  await entry.waitFor();
  expect(await entry.innerText()).toContain('Status changed from New to Contacted');
  expect(await page.locator('.aa-activity li').filter({ hasText: 'Lead received through the chat' }).innerText()).toContain('Affiliate Agent');
  await screenshot(page, SUITE, '02-lead-1280', { fullPage: true });
  expect(manager.problems.errors).toEqual([]);
});

step('the inbox and the lead page fit a 390 px phone', async () => {
  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  try {
    await logIn(phone.page, stack.wordpress.url, MANAGER.login, MANAGER.password);
    await phone.page.goto(appUrl('/leads'));
    const row = phone.page.getByRole('row').filter({ hasText: PRIORITY_APPLICANT.email });
    await row.waitFor();
    // Each row is a card whose stacked cells say what they are (the column name comes from data-label).
    expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe('grid');
    expect(await row.locator('td[data-label="Status"]').innerText()).toBe('Contacted');
    await expectNoHorizontalOverflow(phone.page);
    await screenshot(phone.page, SUITE, '01-leads-390', { fullPage: true });
    await row.getByRole('link').first().click();
    await phone.page.locator('.aa-answers').waitFor();
    await expectNoHorizontalOverflow(phone.page);
    await screenshot(phone.page, SUITE, '02-lead-390', { fullPage: true });
  } finally {
    await phone.context.close();
  }
});

step('the CSV header and the privacy export use the same labels', async () => {
  const { page } = manager;
  const csv = await page.evaluate(async (url) => {
    const nonce = await (await fetch(`${url}/wp-admin/admin-ajax.php?action=rest-nonce`)).text();
    return (await fetch(`${url}/wp-json/affiliate-agent/v1/admin/leads/export.csv`, { headers: { 'X-WP-Nonce': nonce } })).text();
  }, stack.wordpress.url);
  const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(header).toContain('"Main platform","Audience size","Traffic source"');
  expect(header).not.toContain('field_');
  expect(row).toContain('"YouTube","250000","Organic social content"');

  const exported = await stack.wordpress.phpJson<{ data: Array<{ data: Array<{ name: string; value: string }> }> }>(
    `wp_set_current_user( 1 ); $exporters = apply_filters( 'wp_privacy_personal_data_exporters', array() ); echo wp_json_encode( call_user_func( $exporters['affiliate-agent']['callback'], '${PRIORITY_APPLICANT.email}', 1 ) );`,
  );
  const pairs = exported.data.flatMap((item) => item.data.map((entry) => `${entry.name}=${entry.value}`));
  expect(pairs).toEqual(expect.arrayContaining(['Main platform=YouTube', 'Audience size=250,000', 'Traffic source=Organic social content', 'Consent=Agreed']));
});

step('rejecting the lead tells the applicant by email (the rejection email is on by default)', async () => {
  const { page } = manager;
  await page.goto(appUrl(`/leads/${leadId}`));
  await page.getByRole('button', { name: 'Reject' }).click();
  await page.locator('.aa-activity li').filter({ hasText: 'Status changed from Contacted to Rejected' }).waitFor();
  const deadline = Date.now() + 60_000;
  let told: CapturedMail | undefined;
  while (!told && Date.now() < deadline) {
    told = mails().find((mail) => JSON.stringify(mail.to).includes(PRIORITY_APPLICANT.email) && mail.subject.startsWith('About your affiliate application'));
    if (!told) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(told?.subject).toBe(`About your affiliate application, ${PRIORITY_APPLICANT.name}`);
});

step('an administrator finds the applicant emails, with merge tags and a preview, in Settings', async () => {
  for (const [viewport, suffix] of [
    [DESKTOP, '1280'],
    [MOBILE, '390'],
  ] as const) {
    const tab = await newTab(browser, { viewport, isMobile: suffix === '390' });
    try {
      await logIn(tab.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
      await tab.page.goto(appUrl('/settings'));
      const card = tab.page.locator('.aa-emails');
      await card.getByRole('region', { name: 'Preview' }).first().waitFor();
      expect(await card.getByRole('region', { name: 'Preview' }).first().innerText()).toContain('Welcome to our affiliate program, Maria Lopez');
      await card.scrollIntoViewIfNeeded();
      await screenshot(tab.page, SUITE, `03-settings-emails-${suffix}`, { fullPage: true });
      if (suffix === '390') await expectNoHorizontalOverflow(tab.page);
    } finally {
      await tab.context.close();
    }
  }
});

test('the whole run left no PHP notice, warning or error in the logs', () => {
  expect(stack.phpProblems()).toEqual([]);
});
