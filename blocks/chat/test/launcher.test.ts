import { fireEvent, screen } from '@testing-library/react';
import { blockMarkup, printConfig, SESSION_URL, WIDGET_URL } from './fake-chat-service';

/**
 * The launcher is what every visitor downloads. It must not touch the network before the
 * visitor interacts, and at first interaction it must ask for a token and load the widget.
 */
function loadLauncher(): void {
  jest.isolateModules(() => {
    require('../launcher');
  });
}

function widgetScript(): HTMLScriptElement | null {
  return document.head.querySelector('script[src*="widget.js"]');
}

const fetchMock = jest.fn();
const mountMock = jest.fn();

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  window.sessionStorage.clear();
  fetchMock.mockReset().mockResolvedValue({ ok: true, json: async () => ({ token: 't', expiresAt: 0, serviceUrl: 'https://agent.example', agentId: 'agt_demo' }) });
  mountMock.mockReset().mockReturnValue({ open: jest.fn(), toggle: jest.fn() });
  Object.assign(window, { fetch: fetchMock });
  delete (window as { affiliateAgentChat?: unknown }).affiliateAgentChat;
  delete (window as { affiliateAgentChatConfig?: unknown }).affiliateAgentChatConfig;
});

test('does not request a token or the widget before the visitor interacts', () => {
  blockMarkup('floating');
  loadLauncher();
  expect(fetchMock).not.toHaveBeenCalled();
  expect(widgetScript()).toBeNull();
});

test('at the first click it asks the site for a token and loads the widget, then opens it', async () => {
  const root = blockMarkup('floating');
  loadLauncher();
  fireEvent.click(screen.getByRole('button', { name: 'Open chat' }));

  expect(fetchMock).toHaveBeenCalledWith(SESSION_URL, expect.objectContaining({ method: 'POST', body: JSON.stringify({ agentId: 'agt_demo' }) }));
  const script = widgetScript();
  expect(script?.src).toBe(WIDGET_URL);
  expect(root).toHaveClass('is-loading');

  (window as { affiliateAgentChat?: unknown }).affiliateAgentChat = { mount: mountMock };
  script!.onload!(new Event('load'));
  await new Promise((resolve) => setTimeout(resolve, 0));

  expect(mountMock).toHaveBeenCalledWith(
    root,
    expect.objectContaining({ agentId: 'agt_demo', sessionUrl: SESSION_URL, mode: 'floating', strings: { title: 'Affiliate help' } }),
    expect.objectContaining({ sessionPromise: expect.any(Promise) }),
  );
  const handle = mountMock.mock.results[0].value;
  expect(handle.open).toHaveBeenCalled();
  expect(root).not.toHaveClass('is-loading');

  // Later clicks toggle the mounted widget; nothing is fetched again.
  fireEvent.click(screen.getByRole('button', { name: 'Open chat' }));
  expect(handle.toggle).toHaveBeenCalledTimes(1);
  expect(fetchMock).toHaveBeenCalledTimes(1);
});

test('an inline panel starts loading when the visitor focuses its composer', () => {
  blockMarkup('inline');
  loadLauncher();
  fireEvent.focusIn(screen.getByRole('textbox'));
  expect(fetchMock).toHaveBeenCalledTimes(1);
  expect(widgetScript()).not.toBeNull();
});

test('Enter in the static composer before the widget arrived asks the widget to send the typed text', async () => {
  blockMarkup('inline');
  loadLauncher();
  const textbox = screen.getByRole('textbox');
  fireEvent.focusIn(textbox);
  fireEvent.change(textbox, { target: { value: 'I want to become an affiliate' } });
  const enter = fireEvent.keyDown(textbox, { key: 'Enter' });
  expect(enter).toBe(false); // default prevented: no stray newline in the draft

  (window as { affiliateAgentChat?: unknown }).affiliateAgentChat = { mount: mountMock };
  widgetScript()!.onload!(new Event('load'));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(mountMock).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ draft: 'I want to become an affiliate', sendDraft: true }));
});

test('Shift+Enter in the static composer only types; the draft is handed over unsent', async () => {
  blockMarkup('inline');
  loadLauncher();
  const textbox = screen.getByRole('textbox');
  fireEvent.focusIn(textbox);
  fireEvent.change(textbox, { target: { value: 'Do you pay' } });
  expect(fireEvent.keyDown(textbox, { key: 'Enter', shiftKey: true })).toBe(true);

  (window as { affiliateAgentChat?: unknown }).affiliateAgentChat = { mount: mountMock };
  widgetScript()!.onload!(new Event('load'));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(mountMock).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ draft: 'Do you pay', sendDraft: false }));
});

test('a visitor who already chatted in this tab gets the widget back at once, without a new token', () => {
  window.sessionStorage.setItem('aa-chat:agt_demo', JSON.stringify({ transcript: [] }));
  blockMarkup('floating');
  loadLauncher();
  expect(widgetScript()).not.toBeNull();
  expect(fetchMock).not.toHaveBeenCalled();
});

/**
 * An Author's Custom HTML block can copy the block's class and any data-* attributes (kses keeps
 * them). None of it may choose what the launcher loads or mounts.
 */
describe('markup the plugin did not print', () => {
  const FORGED = '<div class="wp-block-affiliate-agent-chat is-floating" data-aa-chat data-agent-id="agt_demo" data-mode="floating" data-widget-url="https://evil.example/x.js" data-session-url="https://evil.example/session" data-config="{}"><button type="button" data-aa-open aria-label="Forged chat"></button></div>';

  test('a forged block next to a real one loads nothing from its attributes and never mounts', () => {
    blockMarkup('floating');
    document.body.insertAdjacentHTML('beforeend', FORGED);
    loadLauncher();
    const forged = screen.getByRole('button', { name: 'Forged chat' });
    fireEvent.pointerEnter(forged.parentElement!);
    fireEvent.click(forged);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(widgetScript()).toBeNull();
    expect(document.head.querySelector('script[src*="evil.example"]')).toBeNull();
  });

  test('a forged block that copies a real instance id does not mount a second time', () => {
    blockMarkup('floating', 'aa-chat-real0001');
    document.body.insertAdjacentHTML('beforeend', FORGED.replace('data-aa-chat', 'data-aa-instance="aa-chat-real0001"'));
    loadLauncher();
    fireEvent.click(screen.getByRole('button', { name: 'Forged chat' }));
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(fetchMock).toHaveBeenCalledWith(SESSION_URL, expect.anything());
    expect(document.head.querySelectorAll('script')).toHaveLength(1);
    expect(widgetScript()!.src).toBe(WIDGET_URL);
  });

  test('without a printed config (or with an element clobbering its name) nothing starts', () => {
    document.body.innerHTML = FORGED.replace('data-aa-chat', 'data-aa-instance="aa-chat-x"');
    loadLauncher();
    fireEvent.click(screen.getByRole('button', { name: 'Forged chat' }));
    expect(fetchMock).not.toHaveBeenCalled();

    document.body.insertAdjacentHTML('beforeend', '<form id="affiliateAgentChatConfig" data-widget-url="https://evil.example/x.js"><input name="instances"></form>');
    (window as unknown as { affiliateAgentChatConfig: unknown }).affiliateAgentChatConfig = document.getElementById('affiliateAgentChatConfig');
    loadLauncher();
    fireEvent.click(screen.getByRole('button', { name: 'Forged chat' }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(document.head.querySelector('script')).toBeNull();
  });

  test('an instance id the config does not name stays inert', () => {
    printConfig({ 'aa-chat-other': { agentId: 'agt_demo', mode: 'floating' } });
    document.body.innerHTML = FORGED.replace('data-aa-chat', 'data-aa-instance="toString"');
    loadLauncher();
    fireEvent.click(screen.getByRole('button', { name: 'Forged chat' }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(document.head.querySelector('script')).toBeNull();
  });
});
