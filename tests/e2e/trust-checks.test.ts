/**
 * Issue 16, applicant trust checks, in a real WordPress 6.5 with the real service and Chromium: a
 * visitor applies through the seeded agent's chat with a disposable email address and a priority
 * audience. The lead is flagged (disposable_email, explained with its points and tag) and routed to
 * review instead of priority; the lead page in wp-admin shows the trust check.
 */
import type { Browser } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { PRIORITY_APPLICANT } from './support/applicant';
import { logIn, newTab } from './support/browser';
import type { E2eStack } from './support/e2e-stack';
import { storySteps } from './support/steps';
import { applyAsVisitor } from './support/visitor-application';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

const APPLICANT = { ...PRIORITY_APPLICANT, email: 'maria.lopez@mailinator.com' };
let stack: E2eStack;
let browser: Browser;
let leadId = '';

interface LeadDetail {
  lead: {
    id: string;
    email: string;
    route: string;
    tags: string[];
    scoreExplanation: { trust: Array<{ check: string; detail: string }>; matched: Array<{ field: string; points: number; tags: string[] }>; routedBy: { route: string } | null };
  };
}

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite('trust-checks'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('a visitor with a disposable email and a large audience applies through the chat', async () => {
  const chatPage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partners wanted', attributes: { displayMode: 'inline' } });
  await applyAsVisitor(browser, chatPage.url, APPLICANT, stack.wordpress.mailLog);

  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string }> }>('GET', `/v1/leads?q=${encodeURIComponent('mailinator')}`, { capabilities: ['aa_review_leads'] });
  leadId = leads.body.items.find((lead) => lead.email === APPLICANT.email)!.id;
  expect(leadId).toBeTruthy();
});

step('the lead is flagged as a disposable email, explained with its points and tag, and routed to review', async () => {
  const { lead } = (await stack.service.signed<LeadDetail>('GET', `/v1/leads/${leadId}`, { capabilities: ['aa_review_leads'] })).body;
  expect(lead.scoreExplanation.trust).toEqual([{ check: 'disposable_email', detail: 'mailinator.com is a disposable email domain' }]);
  expect(lead.scoreExplanation.matched).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'trust.disposable_email', points: -30, tags: ['disposable email'] })]));
  expect(lead.scoreExplanation.routedBy).toMatchObject({ route: 'review' });
  expect(lead.route).toBe('review');
  expect(lead.tags).toContain('disposable email');
});

step('the lead page in wp-admin shows the trust check', async () => {
  const admin = await newTab(browser);
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
  await admin.page.goto(`${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#/leads/${leadId}`);
  const flags = admin.page.locator('.aa-trust-flags');
  await flags.waitFor();
  expect(await flags.innerText()).toContain('Disposable email address: mailinator.com is a disposable email domain');
  expect(admin.problems.errors).toEqual([]);
  await admin.context.close();
  expect(stack.phpProblems()).toEqual([]);
});
