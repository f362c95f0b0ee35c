import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mount } from '../widget';
import { storageKey } from '../widget/conversation-store';
import { blockMarkup, createFakeChatService, reply, SESSION_URL, type Turn } from './fake-chat-service';

const CITATIONS: [string, unknown] = [
  'citations',
  { citations: [{ id: 'S1', title: 'Affiliate program terms', url: 'https://shop.example/affiliates/terms' }] },
];

function start(options: { turns?: Turn[]; mode?: 'inline' | 'floating'; reconnectDelaysMs?: number[]; streamIdleTimeoutMs?: number; config?: Record<string, unknown>; draft?: string; sendDraft?: boolean } = {}) {
  const service = createFakeChatService({ turns: options.turns });
  const root = blockMarkup(options.mode ?? 'inline');
  const config = { agentId: 'agt_demo', sessionUrl: SESSION_URL, mode: options.mode ?? 'inline', strings: { title: 'Affiliate help' }, ...options.config } as const;
  const handle = mount(root, config, {
    fetch: service.fetch,
    storage: window.sessionStorage,
    reconnectDelaysMs: options.reconnectDelaysMs ?? [0, 0],
    streamIdleTimeoutMs: options.streamIdleTimeoutMs,
    draft: options.draft,
    sendDraft: options.sendDraft,
  });
  return { service, root, handle, config };
}

async function send(text: string) {
  const input = screen.getByRole('textbox', { name: 'Type your message…' });
  await userEvent.type(input, `${text}{Enter}`);
}

const log = () => screen.getByRole('log');

/** What the last page left in sessionStorage when the visitor navigated mid-answer. */
function storeMessageInFlight(): void {
  window.sessionStorage.setItem(
    storageKey('agt_demo'),
    JSON.stringify({
      session: { token: 'kept', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), serviceUrl: 'https://agent.shop.example', agentId: 'agt_demo' },
      conversationId: 'cnv_9',
      transcript: [{ id: 'cm_1', role: 'user', content: 'Do you pay by PayPal?' }],
      pending: { content: 'Do you pay by PayPal?', clientMessageId: 'cm_1' },
    }),
  );
}

beforeEach(() => {
  document.body.innerHTML = '';
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('the chat widget', () => {
  test('shows the agent greeting in a polite live log once the conversation starts', async () => {
    start();
    expect(log()).toHaveAttribute('aria-live', 'polite');
    expect(await within(log()).findByText('Hi! Ask me anything about the affiliate program.')).toBeInTheDocument();
  });

  test('streams an answer into the log and turns citations into links to the sources', async () => {
    const { service } = start({ turns: [reply('We pay 30% recurring commission [S1].', [CITATIONS])] });
    await within(log()).findByText(/Ask me anything/);
    await send('What commission do you pay?');

    expect(await within(log()).findByText(/We pay 30% recurring commission/)).toBeInTheDocument();
    await waitFor(() => expect(log()).toHaveAttribute('aria-busy', 'false'));
    const sourceLink = within(log()).getByRole('link', { name: 'Affiliate program terms' });
    expect(sourceLink).toHaveAttribute('href', 'https://shop.example/affiliates/terms');
    expect(within(log()).getByRole('link', { name: 'S1' })).toHaveAttribute('href', 'https://shop.example/affiliates/terms');

    const [message] = service.messageRequests();
    expect(message.headers.accept).toBe('text/event-stream');
    expect(message.headers.authorization).toBe('Bearer token-1');
    expect(message.body).toEqual({ content: 'What commission do you pay?', clientMessageId: expect.stringMatching(/^cm_/) });
  });

  test('links a citation only when its source has a URL: an FAQ entry stays plain text, never <page>/null', async () => {
    const mixed: [string, unknown] = [
      'citations',
      { citations: [{ id: 'S1', title: 'Payout FAQ', url: null }, { id: 'S2', title: 'Affiliate program terms', url: 'https://shop.example/affiliates/terms' }] },
    ];
    start({ turns: [reply('Payouts are monthly [S1], see the terms [S2].', [mixed])] });
    await within(log()).findByText(/Ask me anything/);
    await send('When are payouts?');
    await within(log()).findByText(/Payouts are monthly/);
    await waitFor(() => expect(log()).toHaveAttribute('aria-busy', 'false'));
    expect(within(log()).queryByRole('link', { name: 'Payout FAQ' })).toBeNull();
    expect(within(log()).queryByRole('link', { name: 'S1' })).toBeNull();
    expect(within(log()).getByText(/Payouts are monthly \[S1\]/)).toBeInTheDocument();
    expect(within(log()).getByRole('link', { name: 'S2' })).toHaveAttribute('href', 'https://shop.example/affiliates/terms');
    for (const anchor of log().querySelectorAll('a')) expect(anchor.getAttribute('href')).not.toMatch(/null/);
  });

  test('renders model text as text, never as HTML', async () => {
    start({ turns: [reply('<img src=x onerror=alert(1)> and [a link](javascript:alert(1))')] });
    await within(log()).findByText(/Ask me anything/);
    await send('hello');
    await within(log()).findByText(/<img src=x onerror=alert\(1\)>/);
    expect(log().querySelector('img')).toBeNull();
    expect(within(log()).queryByRole('link')).toBeNull();
  });

  test('opens usable at once: panel, greeting from the page and focused composer, while the token is still on its way', () => {
    const root = blockMarkup('floating');
    const neverAnswers = jest.fn(() => new Promise<Response>(() => undefined));
    const handle = mount(root, { agentId: 'agt_demo', sessionUrl: SESSION_URL, mode: 'floating', greeting: 'Welcome to the partner desk!' }, { fetch: neverAnswers, storage: window.sessionStorage, sessionPromise: new Promise(() => undefined) });
    handle.open();
    expect(screen.getByRole('dialog')).toBeVisible();
    expect(within(log()).getByText('Welcome to the partner desk!')).toBeInTheDocument();
    expect(screen.getByRole('textbox')).toHaveFocus();
  });

  test('shows the agent avatar from the configuration, and only an http(s) one', () => {
    start({ config: { avatarUrl: 'https://shop.example/avatar.png' } });
    expect(document.querySelector('.wp-block-affiliate-agent-chat__avatar img')).toHaveAttribute('src', 'https://shop.example/avatar.png');
    document.body.innerHTML = '';
    start({ config: { avatarUrl: 'javascript:alert(1)' } });
    expect(document.querySelector('.wp-block-affiliate-agent-chat__avatar img')).toBeNull();
    expect(document.querySelector('.wp-block-affiliate-agent-chat__avatar')).toHaveTextContent('A');
  });

  test('when the service cannot be reached it says the chat is unavailable and offers the owner’s contact link', async () => {
    const root = blockMarkup('inline');
    mount(root, { agentId: 'agt_demo', sessionUrl: SESSION_URL, mode: 'inline', contactUrl: 'https://shop.example/contact' }, { fetch: async () => Promise.reject(new TypeError('Failed to fetch')), storage: window.sessionStorage });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The chat is not available right now.');
    expect(within(alert).getByRole('link', { name: 'Contact us instead' })).toHaveAttribute('href', 'https://shop.example/contact');
  });

  test('a switched-off agent: the session route refuses with agent_disabled, the widget says unavailable and starts no conversation', async () => {
    const root = blockMarkup('inline');
    const asked: string[] = [];
    // WordPress answers a WP_Error as { code, message, data: { status } } (Session_Controller).
    const fetch = async (url: string) => {
      asked.push(url);
      const body = url === SESSION_URL ? { code: 'agent_disabled', message: 'This chat is switched off.', data: { status: 409 } } : { error: { code: 'unexpected' } };
      return new Response(JSON.stringify(body), { status: url === SESSION_URL ? 409 : 500, headers: { 'Content-Type': 'application/json' } });
    };
    mount(root, { agentId: 'agt_demo', sessionUrl: SESSION_URL, mode: 'inline', contactUrl: 'https://shop.example/contact' }, { fetch, storage: window.sessionStorage });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The chat is not available right now.');
    expect(within(alert).getByRole('link', { name: 'Contact us instead' })).toHaveAttribute('href', 'https://shop.example/contact');
    expect(asked.every((url) => url === SESSION_URL)).toBe(true);
  });

  test('links a citation only when its source has an absolute http(s) URL', async () => {
    const mixed: [string, unknown] = [
      'citations',
      {
        citations: [
          { id: 'S1', title: 'Payouts FAQ', url: null },
          { id: 'S2', title: 'Forged source', url: 'javascript:alert(1)' },
          { id: 'S3', title: 'Relative source', url: 'null' },
          { id: 'S4', title: 'Program terms', url: 'https://shop.example/terms' },
        ],
      },
    ];
    start({ turns: [reply('Paid monthly [S1], see [S2] [S3] and [S4].', [mixed])] });
    await within(log()).findByText(/Ask me anything/);
    await send('When are payouts?');
    await within(log()).findByRole('link', { name: 'Program terms' });
    await waitFor(() => expect(log()).toHaveAttribute('aria-busy', 'false'));

    const hrefs = within(log()).getAllByRole('link').map((link) => link.getAttribute('href'));
    expect(hrefs).toEqual(['https://shop.example/terms', 'https://shop.example/terms']);
    expect(within(log()).getByRole('link', { name: 'S4' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(within(log()).getByText(/Paid monthly \[S1\], see \[S2\] \[S3\]/)).toBeInTheDocument();
  });

  test('presents a confirmation summary as a card; after Confirm it stays a clean summary without buttons', async () => {
    const confirmation: [string, unknown] = [
      'confirmation-request',
      { actionKey: 'apply', title: 'Affiliate application', summary: [{ key: 'email', label: 'Email', value: 'sam.rivera-long-address@partners.example.com' }] },
    ];
    const text = 'Please check your application:\n- Email: sam.rivera-long-address@partners.example.com\nReply "yes" to confirm or "edit" to change something.';
    const { service } = start({ turns: [reply(text, [confirmation]), reply('Thanks! Your application is in.')] });
    await within(log()).findByText(/Ask me anything/);
    await send('Sam, sam@example.com');

    const card = await screen.findByRole('group', { name: 'Affiliate application' });
    expect(within(card).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Confirm' }));

    await within(log()).findByText('Thanks! Your application is in.');
    expect(service.messageRequests()[1].body.content).toBe('yes');
    const summary = screen.getByRole('group', { name: 'Affiliate application' });
    expect(within(summary).queryByRole('button')).toBeNull();
    // The value wraps after "@" and "." before it would break anywhere else.
    const value = summary.querySelector('dd')!;
    expect(value.textContent).toBe('sam.rivera-long-address@partners.example.com');
    expect(value.querySelectorAll('wbr').length).toBeGreaterThanOrEqual(4);
    expect(log().textContent).not.toMatch(/Reply "yes"|- Email/);
    expect(within(log()).getByText('Please check your application:')).toBeInTheDocument();
    expect(screen.getByRole('textbox')).toHaveFocus();
  });

  test('with a card on screen the text keeps only its lead-in, not a second copy of the summary', async () => {
    const confirmation: [string, unknown] = [
      'confirmation-request',
      { actionKey: 'apply', title: 'Affiliate application', summary: [{ key: 'name', label: 'Name', value: 'Sam Rivera' }] },
    ];
    start({ turns: [reply('Here is your application. Shall I submit it?\n- Name: Sam Rivera\nReply "yes" to confirm.', [confirmation])] });
    await within(log()).findByText(/Ask me anything/);
    await send('apply');
    await screen.findByRole('group', { name: 'Affiliate application' });
    expect(within(log()).getByText('Here is your application. Shall I submit it?')).toBeInTheDocument();
    expect(within(log()).queryByText(/Reply "yes"/)).toBeNull();
    expect(within(log()).getAllByText('Sam Rivera')).toHaveLength(1);
  });

  test('shows the completion reply once, whether it comes with the text or only with action-completed', async () => {
    const completed: [string, unknown] = ['action-completed', { actionKey: 'apply', leadId: 'lead_1', reply: 'Thanks! Your application is in.' }];
    start({
      turns: [
        [['message-start', { messageId: 'a' }], completed, ['text-delta', { delta: 'Thanks! Your application is in.' }], ['message-end', { messageId: 'a' }]],
        [['message-start', { messageId: 'b' }], ['action-completed', { actionKey: 'apply', leadId: 'lead_2', reply: 'Saved your payout preference.' }], ['message-end', { messageId: 'b' }]],
      ],
    });
    await within(log()).findByText(/Ask me anything/);
    await send('yes');
    expect(await within(log()).findByText('Thanks! Your application is in.')).toBeInTheDocument();
    await send('yes');
    expect(await within(log()).findByText('Saved your payout preference.')).toBeInTheDocument();
  });

  test('Edit on the confirmation card sends "edit"', async () => {
    const confirmation: [string, unknown] = ['confirmation-request', { actionKey: 'apply', title: 'Affiliate application', summary: [] }];
    const { service } = start({ turns: [reply('Check this:', [confirmation]), reply('What would you like to change?')] });
    await within(log()).findByText(/Ask me anything/);
    await send('apply');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await within(log()).findByText('What would you like to change?');
    expect(service.messageRequests()[1].body.content).toBe('edit');
  });

  test('offers the options of an enum field request as quick replies', async () => {
    const fieldRequest: [string, unknown] = [
      'field-request',
      { actionKey: 'apply', field: { key: 'channel', label: 'Main channel', type: 'enum', options: [{ value: 'blog', label: 'Blog' }, { value: 'youtube', label: 'YouTube' }] } },
    ];
    const { service } = start({ turns: [reply('Where will you promote us?', [fieldRequest]), reply('Noted.')] });
    await within(log()).findByText(/Ask me anything/);
    await send('I want to apply');
    const replies = await screen.findByRole('group', { name: 'Main channel' });
    await userEvent.click(within(replies).getByRole('button', { name: 'YouTube' }));
    await within(log()).findByText('Noted.');
    expect(service.messageRequests()[1].body.content).toBe('YouTube');
    expect(screen.queryByRole('group', { name: 'Main channel' })).toBeNull();
  });

  test('after a dropped stream it resends the same message with the same clientMessageId and shows one answer', async () => {
    const { service } = start({
      turns: [{ dropAfter: [['message-start', { messageId: 'msg_1' }], ['text-delta', { delta: 'We pay 30' }]] }, reply('We pay 30% commission.', [], 'msg_1')],
    });
    await within(log()).findByText(/Ask me anything/);
    await send('What commission do you pay?');

    await within(log()).findByText('We pay 30% commission.');
    const [first, second] = service.messageRequests();
    expect(second.body).toEqual(first.body);
    expect(within(log()).getAllByText('What commission do you pay?')).toHaveLength(1);
    expect(within(log()).queryByText('We pay 30')).toBeNull();
    expect(JSON.parse(window.sessionStorage.getItem(storageKey('agt_demo'))!).pending).toBeUndefined();
  });

  test('a stream that goes silent (no data, no ping) is abandoned and the message resent', async () => {
    const { service } = start({
      turns: [{ stallAfter: [['message-start', { messageId: 'msg_1' }], ['text-delta', { delta: 'We pay' }]] }, reply('We pay 30% commission.', [], 'msg_1')],
      streamIdleTimeoutMs: 50,
    });
    await within(log()).findByText(/Ask me anything/);
    await send('What commission do you pay?');
    await within(log()).findByText('We pay 30% commission.');
    const [first, second] = service.messageRequests();
    expect(second.body).toEqual(first.body);
  });

  test('when the service keeps failing it shows an error with a retry button that resends the message', async () => {
    const unavailable = { status: 503, body: { error: { code: 'unavailable', message: 'down' } } };
    const { service } = start({ turns: [unavailable, reply('Back again!')], reconnectDelaysMs: [] });
    await within(log()).findByText(/Ask me anything/);
    await send('Hello?');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The chat is not available right now. Please try again later.');
    expect(alert).not.toHaveTextContent(/something went wrong/i);
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await within(log()).findByText('Back again!');
    const [first, second] = service.messageRequests();
    expect(second.body.clientMessageId).toBe(first.body.clientMessageId);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a streamed error event that is not retryable is shown without a retry button', async () => {
    start({
      turns: [[['message-start', { messageId: 'm' }], ['error', { code: 'budget', message: 'This chat is resting for today.', retryable: false }], ['message-end', { messageId: 'm' }]]],
    });
    await within(log()).findByText(/Ask me anything/);
    await send('hi');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This chat is resting for today.');
    expect(within(alert).queryByRole('button')).toBeNull();
  });

  test('keeps the conversation across page navigations in the same tab (sessionStorage)', async () => {
    const first = start({ turns: [reply('Answer one.')] });
    await within(log()).findByText(/Ask me anything/);
    await send('Question one');
    await within(log()).findByText('Answer one.');

    const stored = JSON.parse(window.sessionStorage.getItem(storageKey('agt_demo'))!);
    expect(stored).toMatchObject({ conversationId: 'cnv_1', session: { token: 'token-1' } });
    expect(stored.transcript.map((entry: { content: string }) => entry.content)).toEqual([
      'Hi! Ask me anything about the affiliate program.',
      'Question one',
      'Answer one.',
    ]);

    // The next page: a new DOM, the same tab storage.
    document.body.innerHTML = '';
    const next = start({ turns: [reply('Answer two.')] });
    expect(within(log()).getByText('Question one')).toBeInTheDocument();
    expect(within(log()).getByText('Answer one.')).toBeInTheDocument();
    await send('Question two');
    await within(log()).findByText('Answer two.');
    expect(next.service.conversationRequests()).toHaveLength(0);
    expect(next.service.sessionRequests()).toHaveLength(0);
    expect(next.service.messageRequests()[0].url).toContain('/v1/conversations/cnv_1/messages');
    expect(first.service.sessionRequests()).toHaveLength(1);
  });

  test('a message still in flight when the visitor navigated is resent on the next page', async () => {
    storeMessageInFlight();
    const { service } = start({ turns: [reply('Yes, PayPal and bank transfer.')] });
    await within(log()).findByText('Yes, PayPal and bank transfer.');
    expect(service.messageRequests()[0]).toMatchObject({
      url: 'https://agent.shop.example/v1/conversations/cnv_9/messages',
      body: { content: 'Do you pay by PayPal?', clientMessageId: 'cm_1' },
      headers: { authorization: 'Bearer kept' },
    });
  });

  test('text sent from the static composer before the widget arrived is sent once it mounts, not left in the box', async () => {
    const { service } = start({ turns: [reply('Welcome! What is your name?')], draft: 'I want to become an affiliate\n', sendDraft: true });
    await waitFor(() => expect(log()).toHaveTextContent('Welcome! What is your name?'));
    expect(log()).toHaveTextContent('I want to become an affiliate');
    expect(screen.getByRole('textbox', { name: 'Type your message…' })).toHaveValue('');
    expect(service.messageRequests()).toHaveLength(1);
    expect(service.messageRequests()[0].body).toMatchObject({ content: 'I want to become an affiliate' });
  });

  test('text only typed (not sent) in the static composer waits in the live composer', async () => {
    const { service } = start({ draft: 'Do you pay', sendDraft: false });
    await within(log()).findByText(/Ask me anything/);
    expect(screen.getByRole('textbox', { name: 'Type your message…' })).toHaveValue('Do you pay');
    expect(service.messageRequests()).toHaveLength(0);
  });

  test('a sent draft waits in the composer while a message from the last page is still being resent', async () => {
    storeMessageInFlight();
    const { service } = start({ turns: [reply('Yes, PayPal and bank transfer.')], draft: 'And bank transfer?', sendDraft: true });
    await within(log()).findByText('Yes, PayPal and bank transfer.');
    expect(screen.getByRole('textbox', { name: 'Type your message…' })).toHaveValue('And bank transfer?');
    expect(service.messageRequests()).toHaveLength(1);
  });

  test('asks for a new token when the stored one has expired', async () => {
    window.sessionStorage.setItem(
      storageKey('agt_demo'),
      JSON.stringify({ session: { token: 'old', expiresAt: Math.floor(Date.now() / 1000) - 10, serviceUrl: 'https://agent.shop.example', agentId: 'agt_demo' }, transcript: [] }),
    );
    const { service } = start();
    await within(log()).findByText(/Ask me anything/);
    expect(service.sessionRequests()).toHaveLength(1);
    expect(service.conversationRequests()[0].headers.authorization).toBe('Bearer token-1');
  });

  test('sends its visitor id back when renewing a token, so the visitor keeps their conversation', async () => {
    window.sessionStorage.setItem(
      storageKey('agt_demo'),
      JSON.stringify({
        session: { token: 'old', expiresAt: Math.floor(Date.now() / 1000) - 10, serviceUrl: 'https://agent.shop.example', agentId: 'agt_demo', visitorId: 'vis_returning' },
        transcript: [],
      }),
    );
    const { service } = start();
    await within(log()).findByText(/Ask me anything/);
    expect(service.sessionRequests()[0].body).toEqual({ agentId: 'agt_demo', visitorId: 'vis_returning' });
  });

  test('sends the page URL, referrer and UTM parameters when the conversation starts', async () => {
    window.history.replaceState(null, '', '/partners?utm_source=newsletter&utm_campaign=spring&other=1');
    Object.defineProperty(document, 'referrer', { value: 'https://search.example/?q=affiliate', configurable: true });
    const { service } = start();
    await within(log()).findByText(/Ask me anything/);
    expect(service.conversationRequests()[0].body).toEqual({
      page: {
        url: 'http://localhost/partners?utm_source=newsletter&utm_campaign=spring&other=1',
        referrer: 'https://search.example/?q=affiliate',
        utm: { source: 'newsletter', campaign: 'spring' },
      },
    });
  });

  test('a floating panel opens as a labelled dialog with focus in the composer, and Escape closes it back to the bubble', async () => {
    const { handle, root } = start({ mode: 'floating' });
    const bubble = root.querySelector('button')!;
    expect(screen.queryByRole('dialog')).toBeNull();
    handle.open();
    const dialog = screen.getByRole('dialog', { name: 'Affiliate help' });
    expect(screen.getByRole('textbox')).toHaveFocus();
    expect(bubble).toHaveAttribute('aria-expanded', 'true');
    await within(dialog).findByText(/Ask me anything/);

    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bubble).toHaveFocus();
    expect(bubble).toHaveAttribute('aria-expanded', 'false');
  });

  test('takes its direction from the page, so right-to-left sites get a mirrored widget', () => {
    document.documentElement.dir = 'rtl';
    try {
      start();
      expect(screen.getByRole('region', { name: 'Affiliate help' })).toHaveAttribute('dir', 'rtl');
    } finally {
      document.documentElement.dir = '';
    }
  });

  test('Shift+Enter adds a line instead of sending', async () => {
    const { service } = start();
    await within(log()).findByText(/Ask me anything/);
    await userEvent.type(screen.getByRole('textbox'), 'one{Shift>}{Enter}{/Shift}two');
    expect(screen.getByRole('textbox')).toHaveValue('one\ntwo');
    await waitFor(() => expect(service.messageRequests()).toHaveLength(0));
  });
});
