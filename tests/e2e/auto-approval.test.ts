/**
 * Issue 16, auto-approval end to end, in a real WordPress 6.5 with the real service, Chromium and the
 * AffiliateWP stand-in (support/mu-plugins/fake-affiliatewp.php): the owner switches the policy on in
 * Affiliate Agent → Settings with a daily cap of 1; two qualifying visitors apply through the chat;
 * the first is approved at once (its affiliate active, one welcome email through wp_mail), the second
 * waits for review because the cap is taken; the manager presses Undo on the first lead's page and the
 * affiliate is inactive, the lead back in review, the activity log says so. Screenshots at 1280 and 390 px.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { PRIORITY_APPLICANT, type Applicant } from './support/applicant';
import { DESKTOP, logIn, MOBILE, newTab, screenshot } from './support/browser';
import { expectNoHorizontalOverflow } from './support/layout';
import type { E2eStack } from './support/e2e-stack';
import { deliverThroughSite, until } from './support/site-delivery';
import { storySteps } from './support/steps';
import { applyAsVisitor } from './support/visitor-application';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(300_000);
const step = storySteps();

const SUITE = 'auto-approval';
const FIRST: Applicant = PRIORITY_APPLICANT;
const SECOND: Applicant = { ...PRIORITY_APPLICANT, name: 'Noah Kim', nameAnswer: 'Noah Kim', email: 'noah.kim@example.com', website: 'https://youtube.example/@noahkim' };
let stack: E2eStack;
let browser: Browser;
const leadIds: Record<string, string> = {};

interface Delivery {
  stepId: string;
  trigger: string;
  status: string;
  result: Record<string, unknown> | null;
}
interface LeadDetail {
  lead: { id: string; status: string };
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

const appUrl = (hash: string) => `${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#${hash}`;
const reviewer = { capabilities: ['aa_review_leads'] };
const leadDetail = async (id: string) => (await stack.service.signed<LeadDetail>('GET', `/v1/leads/${id}`, reviewer)).body;
const deliveries = async (id: string) => (await stack.service.signed<{ deliveries: Delivery[] }>('GET', `/v1/leads/${id}/deliveries`, reviewer)).body.deliveries;
const welcomeMails = () =>
  (fs.existsSync(stack.wordpress.mailLog) ? fs.readFileSync(stack.wordpress.mailLog, 'utf8').trim().split('\n').filter(Boolean) : [])
    .map((line) => JSON.parse(line) as { to: string | string[]; subject: string })
    .filter((mail) => /welcome/i.test(mail.subject));
const affiliateStatus = (affiliateId: number) => stack.wordpress.php(`echo affwp_get_affiliate_status( ${affiliateId} );`);
const affiliateOf = async (id: string) => (await deliveries(id)).find((delivery) => delivery.stepId === 'affiliatewp' && delivery.status === 'succeeded')?.result?.affiliateId as number | undefined;

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite(SUITE));
  await deliverThroughSite(stack);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('the owner switches auto-approval on in Settings with a daily cap of 1', async () => {
  const owner = await newTab(browser, { viewport: DESKTOP });
  try {
    await logIn(owner.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
    await owner.page.goto(appUrl('/settings'));
    const card = owner.page.locator('.aa-auto-approval');
    const cap = card.getByRole('spinbutton', { name: 'Daily cap (auto-approvals per UTC day)' });
    await cap.waitFor();
    await card.getByRole('checkbox', { name: 'Approve qualifying applicants automatically' }).check();
    await cap.fill('1');
    // A value the service refuses is named under its field, and nothing is stored.
    await card.getByRole('spinbutton', { name: 'Undo window (hours)' }).fill('0');
    await card.getByRole('button', { name: 'Save auto-approval policy' }).click();
    await card.getByText('expected a whole number from 1 to 720').waitFor();
    expect((await stack.service.signed<{ policy: { enabled: boolean } }>('GET', '/v1/settings/auto-approval')).body.policy.enabled).toBe(false);
    await card.getByRole('spinbutton', { name: 'Undo window (hours)' }).fill('24');
    await card.getByRole('button', { name: 'Save auto-approval policy' }).click();
    await owner.page.getByText('Auto-approval policy saved.').first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(owner.page, SUITE, '01-settings-auto-approval-1280', { fullPage: true });
  } finally {
    await owner.context.close();
  }
  const stored = await stack.service.signed<{ policy: Record<string, unknown> }>('GET', '/v1/settings/auto-approval');
  expect(stored.body.policy).toMatchObject({ enabled: true, dailyCap: 1, undoWindowHours: 24, minScore: 50, requireVerifiedEmail: true, requireNoTrustFlag: true });

  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  try {
    await logIn(phone.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
    await phone.page.goto(appUrl('/settings'));
    const card = phone.page.locator('.aa-auto-approval');
    await card.getByRole('checkbox', { name: 'Approve qualifying applicants automatically' }).waitFor();
    expect(await card.getByRole('checkbox', { name: 'Approve qualifying applicants automatically' }).isChecked()).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(phone.page, SUITE, '01-settings-auto-approval-390', { fullPage: true });
    await expectNoHorizontalOverflow(phone.page);
  } finally {
    await phone.context.close();
  }
});

step('two qualifying visitors apply: the first is auto-approved (affiliate active, one welcome email), the second waits for review (cap)', async () => {
  const chatPage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partners wanted', attributes: { displayMode: 'inline' } });
  for (const applicant of [FIRST, SECOND]) {
    await applyAsVisitor(browser, chatPage.url, applicant, stack.wordpress.mailLog);
    const found = await stack.service.signed<{ items: Array<{ id: string; email: string }> }>('GET', `/v1/leads?q=${encodeURIComponent(applicant.email)}`, reviewer);
    leadIds[applicant.email] = found.body.items.find((lead) => lead.email === applicant.email)!.id;
  }
  const first = await leadDetail(leadIds[FIRST.email]);
  expect(first.lead.status).toBe('approved');
  expect(String(first.events.find((event) => event.type === 'auto-approved')?.data.reason)).toMatch(/^score \d+ ≥ 50; email verified \(code\); no trust flag$/);
  const second = await leadDetail(leadIds[SECOND.email]);
  expect(second.lead.status).toBe('new');
  expect(second.events.find((event) => event.type === 'auto-approval-skipped')?.data.reason).toBe('daily cap reached: 1 of 1 auto-approvals today');

  // The approval waits for the lead's own application to create the affiliate, then activates it.
  const affiliateId = await until('the first applicant’s affiliate', () => affiliateOf(leadIds[FIRST.email]));
  await until('the affiliate to be active', async () => (await affiliateStatus(affiliateId)) === 'active', 90_000);
  await until('the welcome email', async () => welcomeMails().length > 0, 60_000);
  expect(welcomeMails().map((mail) => JSON.stringify(mail.to))).toEqual([expect.stringContaining(FIRST.email)]);
  const secondAffiliate = await until('the second applicant’s affiliate', () => affiliateOf(leadIds[SECOND.email]));
  expect(await affiliateStatus(secondAffiliate)).toBe('pending');
});

step('the manager presses Undo on the lead page: the affiliate is inactive and the lead is back to review', async () => {
  const leadId = leadIds[FIRST.email];
  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  try {
    await logIn(phone.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
    await phone.page.goto(appUrl(`/leads/${leadId}`));
    await phone.page.getByRole('button', { name: 'Undo auto-approval' }).waitFor();
    await screenshot(phone.page, SUITE, '02-lead-auto-approved-390', { fullPage: true });
    await expectNoHorizontalOverflow(phone.page);
  } finally {
    await phone.context.close();
  }

  const manager = await newTab(browser, { viewport: DESKTOP });
  try {
    await logIn(manager.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
    await manager.page.goto(appUrl(`/leads/${leadId}`));
    const notice = manager.page.locator('.aa-auto-approval-notice');
    await notice.getByText(/^Auto-approved: score \d+ ≥ 50; email verified \(code\); no trust flag$/).waitFor();
    await notice.getByText(/\d+ hours? left to undo/).waitFor();
    await screenshot(manager.page, SUITE, '02-lead-auto-approved-1280', { fullPage: true });
    await notice.getByRole('button', { name: 'Undo auto-approval' }).click();
    await manager.page.getByText('Auto-approval undone. The lead is back in review').first().waitFor();
    await manager.page.getByText('Auto-approval undone; the affiliate was set inactive').waitFor();
    expect(await manager.page.locator('.aa-auto-approval-notice').count()).toBe(0);
    await screenshot(manager.page, SUITE, '03-lead-undone-1280', { fullPage: true });
  } finally {
    await manager.context.close();
  }

  const affiliateId = (await affiliateOf(leadId))!;
  await until('the affiliate to be inactive', async () => (await affiliateStatus(affiliateId)) === 'inactive', 60_000);
  // The plugin reports the inactive status back; the undone lead stays in review, no rejection email.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const detail = await leadDetail(leadId);
  expect(detail.lead.status).toBe('new');
  expect(detail.events.map((event) => event.type)).toEqual(expect.arrayContaining(['auto-approved', 'auto-approval-undone']));
  expect(welcomeMails()).toHaveLength(1);
  expect(stack.phpProblems()).toEqual([]);
});
