/**
 * Issue 12 end to end, in a real WordPress 6.5 with the real service and Chromium: a visitor applies
 * with the email of an existing editor's account. The bridge refuses to link that account from the
 * chat (`needs_manager_link`), so no affiliate is created and the lead is flagged. The administrator
 * makes the affiliate in AffiliateWP, then on the lead page types its id, sees who it is (from the
 * bridge's `affiliatewp/get-affiliate`), links it, and approves: the activity log names who linked,
 * and the approval activates exactly that affiliate. AffiliateWP is the stand-in
 * support/mu-plugins/fake-affiliatewp.php.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT } from './support/applicant';
import { logIn, newTab, screenshot, type PageProblems } from './support/browser';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { deliverThroughSite, until } from './support/site-delivery';
import { storySteps } from './support/steps';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

const SUITE = 'manual-link';
const EDITOR = { login: 'eve_editor', email: 'eve.editor@example.com', name: 'Eve Editor' };

let stack: E2eStack;
let browser: Browser;
let admin: { context: BrowserContext; page: Page; problems: PageProblems };
let leadId = '';
let editorId = 0;
let affiliateId = 0;

interface Delivery {
  stepId: string;
  status: string;
  lastError: string | null;
}
interface LeadDetail {
  lead: { id: string; status: string; managerRequest: string | null; affiliateId: number | null; affiliateLink: string | null };
  events: Array<{ type: string; actor: number | null; data: Record<string, unknown> }>;
}

const review = { capabilities: ['aa_review_leads'] };
const deliveries = async () => (await stack.service.signed<{ deliveries: Delivery[] }>('GET', `/v1/leads/${leadId}/deliveries`, review)).body.deliveries;
const leadDetail = async () => (await stack.service.signed<LeadDetail>('GET', `/v1/leads/${leadId}`, review)).body;

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite(SUITE));
  await deliverThroughSite(stack);
  editorId = Number(
    await stack.wordpress.php(
      `echo wp_insert_user( array( 'user_login' => '${EDITOR.login}', 'user_email' => '${EDITOR.email}', 'user_pass' => wp_generate_password(), 'display_name' => '${EDITOR.name}', 'role' => 'editor' ) );`,
    ),
  );
  expect(editorId).toBeGreaterThan(0);
  admin = await newTab(browser);
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

// The editor proves the address (the emailed code): even its owner may not turn a privileged account
// into an affiliate from the chat. (A stranger typing it stays unverified and its steps are held.)
step("an editor applies with their account email and types the code: no affiliate is made for that account, and the lead is flagged for the manager", async () => {
  const chatPage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partners wanted', attributes: { displayMode: 'inline' } });
  const visitor = await newTab(browser);
  await visitor.page.goto(chatPage.url);
  const chat = new ChatWidget(visitor.page);
  await chat.open();
  await applyThroughChat(chat, { ...PRIORITY_APPLICANT, name: EDITOR.name, nameAnswer: EDITOR.name, email: EDITOR.email }, { mailLog: stack.wordpress.mailLog });
  await visitor.context.close();

  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string }> }>('GET', `/v1/leads?q=${encodeURIComponent(EDITOR.email)}`, review);
  leadId = leads.body.items.find((lead) => lead.email === EDITOR.email)!.id;
  const refused = await until('the refused application', async () => (await deliveries()).find((delivery) => delivery.stepId === 'affiliatewp' && delivery.status === 'failed'));
  expect(refused.lastError).toMatch(/only a manager may link it/);
  const flagged = await until('the flag', async () => {
    const detail = await leadDetail();
    return detail.lead.managerRequest === 'link-affiliate-by-hand' ? detail : null;
  });
  expect(flagged.events.find((event) => event.type === 'affiliate-link-needed')?.data).toEqual({ reason: 'existing-account' });
  expect(await stack.wordpress.php(`echo (int) affwp_get_affiliate_id( ${editorId} );`)).toBe('0');
});

step('the administrator looks the affiliate id up on the lead page, sees who it is, links it, and the activity log names them', async () => {
  affiliateId = Number(await stack.wordpress.php(`wp_set_current_user( 1 ); echo affwp_add_affiliate( array( 'user_id' => ${editorId}, 'status' => 'pending', 'payment_email' => '${EDITOR.email}' ) );`));
  expect(affiliateId).toBeGreaterThan(0);

  const { page } = admin;
  await page.goto(`${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#/leads/${leadId}`);
  await page.getByText('This email belongs to an existing account or affiliate').waitFor();
  await page.getByLabel('AffiliateWP affiliate id').fill(String(affiliateId));
  await page.getByRole('button', { name: 'Look up' }).click();
  const candidate = page.locator('.aa-affiliate-link__candidate');
  await candidate.getByText(EDITOR.name, { exact: true }).waitFor();
  await candidate.getByText(EDITOR.login, { exact: true }).waitFor();
  await screenshot(page, SUITE, '01-affiliate-looked-up');
  await page.getByRole('button', { name: `Link affiliate #${affiliateId} to this lead` }).click();
  await page.getByText(`Linked by a manager to affiliate #${affiliateId}.`).waitFor();
  const entry = page.locator('.aa-activity li', { hasText: `Linked the lead to AffiliateWP affiliate #${affiliateId}` });
  await entry.waitFor();
  // The name comes from WordPress after the entry shows ("User #1" until then).
  await entry.locator('.aa-activity__actor', { hasText: new RegExp(`^${stack.wordpress.adminLogin}$`) }).waitFor();
  await screenshot(page, SUITE, '02-affiliate-linked');

  const detail = await leadDetail();
  expect(detail.lead).toMatchObject({ affiliateId, affiliateLink: 'manager-linked', managerRequest: null });
  expect(detail.events.find((event) => event.type === 'affiliate-linked')).toMatchObject({ actor: 1, data: { affiliateId } });
});

step('approving the lead activates exactly the linked affiliate', async () => {
  const { page } = admin;
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await until('the linked affiliate to be active', async () => (await stack.wordpress.php(`echo affwp_get_affiliate_status( ${affiliateId} );`)) === 'active');
  expect(stack.phpProblems()).toEqual([]);
  expect(admin.problems.errors).toEqual([]);
});
