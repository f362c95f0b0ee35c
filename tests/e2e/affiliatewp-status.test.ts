/**
 * Issue 16 end to end, in a real WordPress 6.5 with the real service: a visitor applies through the
 * chat (the seeded agent's application creates a pending affiliate through the bridge), then the
 * affiliate is approved through AffiliateWP's own function, `affwp_set_affiliate_status()`, run
 * inside WordPress as an administrator (as AffiliateWP's Affiliates screen does). The plugin's hook
 * listener reports the stored change; the lead becomes approved with "by <user>" in its activity
 * log, and exactly one welcome email leaves through wp_mail. The same call again (AffiliateWP 2.6+
 * fires the hook on a no-op too) and a change through affwp_update_affiliate() send none.
 * AffiliateWP is the stand-in support/mu-plugins/fake-affiliatewp.php; wp_mail is captured.
 *
 * Then the program terms: the owner presses "Read from AffiliateWP" in Settings, the service reads
 * AffiliateWP's commission, cookie and currency through the bridge, and a visitor's paraphrased
 * question gets the exact figure, cited as "Program terms".
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { PRIORITY_APPLICANT } from './support/applicant';
import { logIn, newTab, screenshot } from './support/browser';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { deliverThroughSite, until } from './support/site-delivery';
import { storySteps } from './support/steps';
import { applyAsVisitor } from './support/visitor-application';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

let stack: E2eStack;
let browser: Browser;
let leadId = '';
let affiliateId = 0;

interface Delivery {
  stepId: string;
  stepType: string;
  trigger: string;
  status: string;
  result: Record<string, unknown> | null;
}
interface LeadDetail {
  lead: { id: string; status: string; email: string };
  events: Array<{ type: string; actor: number | null; data: Record<string, unknown> }>;
}

const deliveries = async () => (await stack.service.signed<{ deliveries: Delivery[] }>('GET', `/v1/leads/${leadId}/deliveries`, { capabilities: ['aa_review_leads'] })).body.deliveries;
const leadDetail = async () => (await stack.service.signed<LeadDetail>('GET', `/v1/leads/${leadId}`, { capabilities: ['aa_review_leads'] })).body;
const welcomeMails = () =>
  (fs.existsSync(stack.wordpress.mailLog) ? fs.readFileSync(stack.wordpress.mailLog, 'utf8').trim().split('\n').filter(Boolean) : [])
    .map((line) => JSON.parse(line) as { to: string | string[]; subject: string; message?: string; body?: string })
    .filter((mail) => /welcome/i.test(mail.subject) && JSON.stringify(mail.to).includes(PRIORITY_APPLICANT.email));

/** AffiliateWP's own function, as the administrator (user 1, display name "admin") who clicks "Accept". */
const inAffiliateWp = (code: string) => stack.wordpress.php(`wp_set_current_user( 1 ); ${code}`);

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite('affiliatewp-status'));
  await deliverThroughSite(stack);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('a visitor applies through the chat and the application creates a pending affiliate in AffiliateWP', async () => {
  const chatPage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partners wanted', attributes: { displayMode: 'inline' } });
  await applyAsVisitor(browser, chatPage.url, PRIORITY_APPLICANT, stack.wordpress.mailLog);

  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string }> }>('GET', `/v1/leads?q=${encodeURIComponent(PRIORITY_APPLICANT.email)}`, { capabilities: ['aa_review_leads'] });
  leadId = leads.body.items.find((lead) => lead.email === PRIORITY_APPLICANT.email)!.id;
  const application = await until('the pending affiliate', async () => (await deliveries()).find((delivery) => delivery.stepId === 'affiliatewp' && delivery.status === 'succeeded'));
  affiliateId = application.result!.affiliateId as number;
  expect(await inAffiliateWp(`echo affwp_get_affiliate_status( ${affiliateId} );`)).toBe('pending');
});

step('approved through affwp_set_affiliate_status(): the lead is approved "by admin" and one welcome email is sent', async () => {
  expect(await inAffiliateWp(`echo affwp_set_affiliate_status( ${affiliateId}, 'active' ) ? 'stored' : 'unchanged';`)).toBe('stored');

  const detail = await until('the lead to follow AffiliateWP', async () => {
    const current = await leadDetail();
    return current.lead.status === 'approved' ? current : null;
  });
  expect(detail.events.find((event) => event.type === 'status-changed')).toMatchObject({ actor: 1, data: { from: 'new', to: 'approved', via: 'affiliatewp', by: 'admin', affiliateId } });
  const mails = await until('the welcome email', async () => (welcomeMails().length ? welcomeMails() : null));
  expect(mails).toHaveLength(1);
  // The referral link is on the site's own address (AffiliateWP's affwp_get_affiliate_referral_url()).
  expect(mails[0].message).toContain(`${stack.wordpress.url}/ref/${affiliateId}/`);
  // The AffiliateWP step is recorded as done there, not sent back to AffiliateWP.
  // The mail is logged by wp_mail before the service records the bridge's answer: wait for the ledger.
  const approval = await until('the approval steps to settle', async () => {
    const steps = (await deliveries()).filter((delivery) => delivery.trigger.startsWith('approval'));
    return steps.length && steps.every((delivery) => !['pending', 'running'].includes(delivery.status)) ? steps : null;
  });
  expect(approval.map((delivery) => [delivery.stepId, delivery.status])).toEqual([
    ['affiliatewp_status', 'succeeded'],
    ['referral_url', 'succeeded'],
    ['welcome_email', 'succeeded'],
  ]);
});

step('the same call again, and a no-op through affwp_update_affiliate(), send no second welcome email', async () => {
  expect(await inAffiliateWp(`echo affwp_set_affiliate_status( ${affiliateId}, 'active' ) ? 'stored' : 'unchanged';`)).toBe('unchanged');
  expect(await inAffiliateWp(`echo affwp_update_affiliate( array( 'affiliate_id' => ${affiliateId}, 'status' => 'active' ) ) ? 'updated' : 'failed';`)).toBe('updated');
  // Give a (wrong) second report time to arrive and be delivered before counting.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(welcomeMails()).toHaveLength(1);
  expect((await deliveries()).filter((delivery) => delivery.stepType === 'welcome_email')).toHaveLength(1);
  expect((await leadDetail()).events.filter((event) => event.type === 'status-changed')).toHaveLength(1);
  expect(stack.phpProblems()).toEqual([]);
});

step("the owner reads the program terms from AffiliateWP's settings, and a paraphrased question gets the exact commission", async () => {
  // AffiliateWP's Settings → Commissions, as its own screen saves them into the affwp_settings option.
  await stack.wordpress.php(`$settings = get_option( 'affwp_settings', array() ); update_option( 'affwp_settings', array_merge( $settings, array( 'referral_rate_type' => 'percentage', 'referral_rate' => '27.5', 'cookie_exp' => '40', 'currency' => 'EUR', 'paypal_payouts' => 1 ) ) ); echo 'saved';`);
  const owner = await newTab(browser);
  await logIn(owner.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
  await owner.page.goto(`${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#/settings`);
  await owner.page.getByRole('button', { name: 'Read from AffiliateWP' }).click();
  await owner.page.locator('.components-snackbar').getByText('Program terms read from AffiliateWP.').waitFor();
  await owner.page.getByText(/come from AffiliateWP’s settings/).waitFor();
  expect(await owner.page.getByRole('spinbutton', { name: 'Commission', exact: true }).inputValue()).toBe('27.5');
  expect(await owner.page.getByRole('spinbutton', { name: 'Cookie length (days)' }).inputValue()).toBe('40');
  await screenshot(owner.page, 'affiliatewp-status', 'program-terms-read-from-affiliatewp');
  await owner.context.close();

  const chatPage = await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Program questions', attributes: { displayMode: 'inline' } });
  const visitor = await newTab(browser);
  await visitor.page.goto(chatPage.url);
  const chat = new ChatWidget(visitor.page);
  await chat.open();
  const answer = await chat.say('what cut would I get from each order I send your way?');
  expect(answer).toContain('Affiliates earn a 27.5% commission on each referred sale.');
  expect(await chat.say('and how long does the tracking last?')).toContain('The referral cookie lasts 40 days.');
  await visitor.context.close();
  expect(stack.phpProblems()).toEqual([]);
});
