/**
 * Issue 14 (languages), in a real WordPress 6.5 with the built plugin zip, the real service and
 * Chromium: the site stays English (en_US) and the seeded agent's language is set to German. The
 * chat block's fixed phrases (composer placeholder, Send, the Confirm button, the open/close
 * labels) come out German from the plugin's shipped de_DE catalogue, the verification code mail
 * and the rejection email the applicant gets are German (the service's defaults in the agent's
 * language), and a second, English agent on the same site keeps English. Screenshots at 1280 and 390 px.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { createChatPage } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT } from './support/applicant';
import { MOBILE, newTab, screenshot } from './support/browser';
import { ChatWidget } from './support/chat-widget';
import type { E2eStack } from './support/e2e-stack';
import { deliverThroughSite, until } from './support/site-delivery';
import { storySteps } from './support/steps';
import { startConnectedSite } from './support/connected-site';

jest.setTimeout(240_000);
const step = storySteps();
const SUITE = 'agent-language';

interface CapturedMail {
  to: string | string[];
  subject: string;
  message: string;
}
const mailsTo = (email: string): CapturedMail[] =>
  (fs.existsSync(stack.wordpress.mailLog) ? fs.readFileSync(stack.wordpress.mailLog, 'utf8').trim().split('\n').filter(Boolean) : [])
    .map((line) => JSON.parse(line) as CapturedMail)
    .filter((mail) => [mail.to].flat().some((to) => to.toLowerCase() === email.toLowerCase()));

let stack: E2eStack;
let browser: Browser;
let germanPage = '';

beforeAll(async () => {
  ({ stack, browser } = await startConnectedSite(SUITE));
  await deliverThroughSite(stack);
  const german = await stack.service.signed('PATCH', `/v1/agents/${stack.agentId}`, { body: { language: 'de' }, capabilities: ['aa_manage_agents'] });
  expect(german.status).toBe(200);
  // The block reads agents through a short-lived cache; this run starts with the German agent.
  await stack.wordpress.php(`delete_transient( 'affiliate_agent_chat_agents' );`);
  germanPage = (await createChatPage(stack.wordpress, { agentId: stack.agentId, title: 'Partnerprogramm', attributes: { displayMode: 'inline' } })).url;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

step('the site is English, and the German agent’s widget speaks German', async () => {
  expect(await stack.wordpress.php(`echo get_locale();`)).toBe('en_US');
  const visitor = await newTab(browser);
  await visitor.page.goto(germanPage);
  const chat = new ChatWidget(visitor.page);
  // The static composer rendered by render.php, before any script ran.
  await expect(chat.root.getByRole('textbox').getAttribute('placeholder')).resolves.toBe('Ihre Nachricht …');
  await expect(chat.root.getByRole('button', { name: 'Senden' }).count()).resolves.toBe(1);
  // The agent's title is the service's default, not the owner's words: it is translated too.
  await expect(chat.root.getByRole('heading').first().textContent()).resolves.toBe('Assistent für das Partnerprogramm');
  await chat.open();
  // The widget, once loaded, takes the same strings from the config the plugin printed.
  await expect(chat.root.getByRole('textbox').getAttribute('placeholder')).resolves.toBe('Ihre Nachricht …');
  await expect(chat.root.getByRole('button', { name: 'Senden' }).count()).resolves.toBe(1);
  await screenshot(visitor.page, SUITE, '01-german-widget-1280');

  const { completion } = await applyThroughChat(chat, PRIORITY_APPLICANT, { mailLog: stack.wordpress.mailLog, confirm: /^Bestätigen$/, codeSubject: /Bestätigungscode/ });
  expect(completion).toMatch(/thanks maria lopez/i);
  const codeMail = mailsTo(PRIORITY_APPLICANT.email).find((mail) => mail.subject === 'Ihr Bestätigungscode');
  expect(codeMail?.message).toMatch(/Ihr Bestätigungscode lautet \d{6}\./);
  expect(codeMail?.message).toMatch(/Minuten lang gültig/);
  expect(visitor.problems.errors).toEqual([]);
  await visitor.context.close();

  const phone = await newTab(browser, { viewport: MOBILE, isMobile: true });
  await phone.page.goto(germanPage);
  const phoneChat = new ChatWidget(phone.page);
  await phoneChat.open();
  await expect(phoneChat.root.getByRole('textbox').getAttribute('placeholder')).resolves.toBe('Ihre Nachricht …');
  await screenshot(phone.page, SUITE, '02-german-widget-390', { fullPage: true });
  await phone.context.close();
});

step('rejecting the application emails the applicant in the agent’s language', async () => {
  const leads = await stack.service.signed<{ items: Array<{ id: string; email: string }> }>('GET', `/v1/leads?q=${encodeURIComponent(PRIORITY_APPLICANT.email)}`, { capabilities: ['aa_review_leads'] });
  const lead = leads.body.items.find((item) => item.email === PRIORITY_APPLICANT.email);
  expect(lead).toBeDefined();
  const rejected = await stack.service.signed('POST', `/v1/leads/${lead!.id}/reject`, { body: {}, userId: 1, capabilities: ['aa_review_leads'] });
  expect(rejected.status).toBe(200);
  const mail = await until('the rejection email', async () => mailsTo(PRIORITY_APPLICANT.email).find((entry) => entry.subject.startsWith('Zu Ihrer Bewerbung')));
  expect(mail.subject).toBe(`Zu Ihrer Bewerbung als Partner, ${PRIORITY_APPLICANT.name}`);
  expect(mail.message).toContain(`Hallo ${PRIORITY_APPLICANT.name},`);
  expect(mail.message).toContain('vielen Dank für Ihre Bewerbung');
});

step('an English agent on the same site keeps its English phrases', async () => {
  const created = await stack.service.signed<{ agent: { id: string } }>('POST', '/v1/agents', { body: { name: 'English helper', language: 'en' }, capabilities: ['aa_manage_agents'] });
  expect(created.status).toBe(201);
  await stack.wordpress.php(`delete_transient( 'affiliate_agent_chat_agents' );`);
  const englishPage = (await createChatPage(stack.wordpress, { agentId: created.body.agent.id, title: 'Partners', attributes: { displayMode: 'inline' } })).url;
  const visitor = await newTab(browser);
  await visitor.page.goto(englishPage);
  const chat = new ChatWidget(visitor.page);
  await expect(chat.root.getByRole('textbox').getAttribute('placeholder')).resolves.toBe('Type your message…');
  await expect(chat.root.getByRole('button', { name: 'Send' }).count()).resolves.toBe(1);
  await visitor.context.close();
  expect(stack.phpProblems()).toEqual([]);
});
