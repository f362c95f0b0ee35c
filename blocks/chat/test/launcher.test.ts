import { fireEvent, screen } from '@testing-library/react';
import { blockMarkup, SESSION_URL } from './fake-chat-service';

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
  expect(script?.src).toBe(root.dataset.widgetUrl);
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

test('a visitor who already chatted in this tab gets the widget back at once, without a new token', () => {
  window.sessionStorage.setItem('aa-chat:agt_demo', JSON.stringify({ transcript: [] }));
  blockMarkup('floating');
  loadLauncher();
  expect(widgetScript()).not.toBeNull();
  expect(fetchMock).not.toHaveBeenCalled();
});
