/**
 * Issue 12, email verification in the chat, in a real WordPress 6.5 with the real service and
 * Chromium: an anonymous visitor applies through the seeded agent's chat, the code arrives through
 * the site's wp_mail (the stand-in's mail log) and is typed in the chat; the lead records "code". A
 * logged-in WordPress user applying with their own account email is verified without any code
 * (the plugin signs their id and email into the visitor token); the lead records "wordpress-user".
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT } from './support/applicant';
import { logIn, newTab } from './support/browser';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { storySteps } from './support/steps';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();

const MEMBER = { login: 'member', password: 'member-pass-0123456789', email: 'member@example.com' };
let stack: E2eStack;
let browser: Browser;
let chatUrl = '';

const verificationMailsTo = (email: string) =>
  (fs.existsSync(stack.wordpress.mailLog) ? fs.readFileSync(stack.wordpress.mailLog, 'utf8').trim().split('\n').filter(Boolean) : [])
    .map((line) => JSON.parse(line) as { to: string | string[]; subject: string })
    .filter((mail) => /verification code/i.test(mail.subject) && [mail.to].flat().includes(email));

async function leadOf(email: string) {
  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string; emailVerification: string | null }> }>('GET', `/v1/leads?q=${encodeURIComponent(email)}`, { capabilities: ['aa_review_leads'] });
  return leads.body.items.find((lead) => lead.email === email);
}

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite('email-verification'));
  // The bridge is the site's mail: without it the chat could send no code (the lead stays unverified).
  const settings = await stack.service.signed('PATCH', '/v1/settings/delivery', {
    body: { wordpress: { siteUrl: stack.wordpress.url }, network: { allowHosts: [`127.0.0.1:${new URL(stack.wordpress.url).port}`] } },
  });
  expect(settings.status).toBe(200);
  chatUrl = (await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partners wanted', attributes: { displayMode: 'inline' } })).url;
  await stack.wordpress.php(
    `wp_insert_user( array( 'user_login' => '${MEMBER.login}', 'user_pass' => '${MEMBER.password}', 'user_email' => '${MEMBER.email}', 'role' => 'subscriber' ) );`,
  );
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('an anonymous visitor types the code that arrived by mail, and the lead records it', async () => {
  const visitor = await newTab(browser);
  await visitor.page.goto(chatUrl);
  const chat = new ChatWidget(visitor.page);
  await chat.open();
  const { transcript, completion } = await applyThroughChat(chat, PRIORITY_APPLICANT, { mailLog: stack.wordpress.mailLog });
  expect(transcript.join('\n')).toMatch(/type the 6-digit code I sent to maria\.lopez@example\.com/);
  expect(completion).toMatch(/your email address is verified/i);
  expect(completion).toMatch(/thanks maria lopez/i);
  expect(verificationMailsTo(PRIORITY_APPLICANT.email)).toHaveLength(1);
  expect(await leadOf(PRIORITY_APPLICANT.email)).toMatchObject({ emailVerification: 'code' });
  expect(visitor.problems.errors).toEqual([]);
  await visitor.context.close();
});

step('a logged-in WordPress user applying with their account email is verified without a code', async () => {
  const member = await newTab(browser);
  await logIn(member.page, stack.wordpress.url, MEMBER.login, MEMBER.password);
  await member.page.goto(chatUrl);
  const chat = new ChatWidget(member.page);
  await chat.open();
  const { transcript, completion } = await applyThroughChat(chat, { ...PRIORITY_APPLICANT, name: 'Mia Lund', nameAnswer: 'Mia Lund', email: MEMBER.email });
  expect(transcript.join('\n')).toMatch(/You are signed in with member@example\.com/);
  expect(completion).toMatch(/thanks mia lund/i);
  expect(verificationMailsTo(MEMBER.email)).toEqual([]);
  expect(await leadOf(MEMBER.email)).toMatchObject({ emailVerification: 'wordpress-user' });
  expect(member.problems.errors).toEqual([]);
  await member.context.close();
  expect(stack.phpProblems()).toEqual([]);
});
