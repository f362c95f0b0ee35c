import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fireEvent, screen } from '@testing-library/react';

/**
 * render.php's markup, checked with PHP itself (WordPress functions stubbed in
 * render-php-harness.php) and then booted with the real launcher, as a page would.
 */
const hasPhp = (() => {
  try {
    execFileSync('php', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function renderBlock(attributes: Record<string, unknown> | Array<Record<string, unknown>>, agentLookup?: unknown): string {
  const lookup = agentLookup === undefined ? [] : [JSON.stringify(agentLookup)];
  return execFileSync('php', [path.join(__dirname, 'render-php-harness.php'), JSON.stringify(attributes), path.join(__dirname, '../render.php'), ...lookup], {
    encoding: 'utf8',
  });
}

/** Puts the page in the document and runs its inline scripts in the page's global scope, as a browser would. */
function showPage(html: string): void {
  document.body.innerHTML = html;
  // Scripts set through innerHTML never run; fresh elements do (jsdom runs scripts here).
  for (const script of Array.from(document.querySelectorAll('script'))) {
    const running = document.createElement('script');
    running.textContent = script.textContent;
    script.replaceWith(running);
  }
}

type PrintedConfig = { widgetUrl: string; sessionUrl: string; instances: Record<string, Record<string, any>> };
const printed = () => (window as unknown as { affiliateAgentChatConfig: PrintedConfig }).affiliateAgentChatConfig;
const instanceOf = (root: Element) => printed().instances[(root as HTMLElement).dataset.aaInstance!];

const describeWithPhp = hasPhp ? describe : describe.skip;
if (!hasPhp) console.warn('php is not installed: the render.php tests are skipped (apt-get install php-cli).');

describeWithPhp('render.php', () => {
  beforeEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    (window as { affiliateAgentChatConfig?: unknown }).affiliateAgentChatConfig = undefined; // `var` made it permanent
  });

  test('prints nothing when no agent is chosen', () => {
    expect(renderBlock({ agentId: '' }).trim()).toBe('');
  });

  test('prints a floating bubble carrying only an instance id; the settings are in the printed config, with no token', () => {
    const html = renderBlock({ agentId: 'agt_demo', displayMode: 'floating', position: 'bottom-left' });
    showPage(html);
    const root = document.querySelector<HTMLElement>('.wp-block-affiliate-agent-chat')!;
    expect(root).toHaveClass('is-floating', 'is-position-bottom-left');
    expect(Object.keys(root.dataset)).toEqual(['aaInstance']);
    expect(printed()).toMatchObject({
      sessionUrl: 'https://shop.example/wp-json/affiliate-agent/v1/session',
      widgetUrl: expect.stringMatching(/\/build\/blocks\/chat\/widget\.js\?ver=/),
    });
    expect(instanceOf(root)).toMatchObject({ agentId: 'agt_demo', mode: 'floating', position: 'bottom-left' });
    expect(instanceOf(root).strings).toMatchObject({ confirm: 'Confirm', edit: 'Edit', retry: 'Try again' });
    expect(screen.getByRole('button', { name: 'Open chat' })).toHaveAttribute('aria-expanded', 'false');
    expect(html).not.toMatch(/token/i);
  });

  test('gives every block of a page its own unguessable instance in one config', () => {
    showPage(renderBlock([{ agentId: 'agt_one' }, { agentId: 'agt_two', displayMode: 'inline' }]));
    const roots = Array.from(document.querySelectorAll('[data-aa-instance]'));
    expect(roots.map((root) => instanceOf(root).agentId)).toEqual(['agt_one', 'agt_two']);
    expect(roots[0].getAttribute('data-aa-instance')).toMatch(/^aa-chat-[a-z0-9]{12}$/);
    expect(new Set(roots.map((root) => root.getAttribute('data-aa-instance'))).size).toBe(2);
    const again = renderBlock({ agentId: 'agt_one' });
    expect(again).not.toContain(roots[0].getAttribute('data-aa-instance')!);
  });

  test('prints an inline panel with the greeting override and placeholder, escaped', () => {
    const html = renderBlock({
      agentId: 'agt_demo',
      displayMode: 'inline',
      greeting: 'Hello </script><script>window.__pwned=1</script>',
      placeholder: 'Ask "anything"',
      title: 'Partner desk',
    });
    showPage(html);
    expect(document.querySelectorAll('script')).toHaveLength(1);
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect(screen.getByText('Hello </script><script>window.__pwned=1</script>')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Ask "anything"' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Partner desk' })).toBeInTheDocument();
    expect(instanceOf(document.querySelector('[data-aa-instance]')!).greeting).toBe('Hello </script><script>window.__pwned=1</script>');
  });

  describe('with the agent the plugin looked up', () => {
    const agent = {
      id: 'agt_demo',
      name: 'Demo',
      enabled: true,
      greeting: 'Welcome to the partner desk!',
      contactUrl: 'https://shop.example/contact',
      appearance: { title: 'Partner desk', primaryColor: '#aa3300', position: 'bottom-left', avatarUrl: 'https://shop.example/avatar.png' },
    };

    test('renders nothing for a disabled or deleted agent', () => {
      expect(renderBlock({ agentId: 'agt_demo' }, { status: 'disabled', agent: { ...agent, enabled: false } }).trim()).toBe('');
      expect(renderBlock({ agentId: 'agt_gone' }, { status: 'missing', agent: null }).trim()).toBe('');
    });

    test('takes title, colour, position, avatar and greeting from the agent’s Appearance', () => {
      showPage(renderBlock({ agentId: 'agt_demo', displayMode: 'inline' }, { status: 'ok', agent }));
      const root = document.querySelector('[data-aa-instance]')!;
      expect(root).toHaveClass('is-position-bottom-left');
      expect(root.getAttribute('style')).toBe('--aa-accent:#aa3300;');
      expect(screen.getByRole('heading', { name: 'Partner desk' })).toBeInTheDocument();
      expect(screen.getByText('Welcome to the partner desk!')).toBeInTheDocument();
      expect(root.querySelector('.wp-block-affiliate-agent-chat__avatar img')).toHaveAttribute('src', 'https://shop.example/avatar.png');
      expect(instanceOf(root)).toMatchObject({ position: 'bottom-left', greeting: 'Welcome to the partner desk!', avatarUrl: 'https://shop.example/avatar.png', contactUrl: 'https://shop.example/contact' });
      expect(instanceOf(root).strings.title).toBe('Partner desk');
    });

    test('a block’s own settings override the agent’s', () => {
      showPage(renderBlock({ agentId: 'agt_demo', position: 'bottom-right', title: 'Ask us', greeting: 'Hello there', backgroundColor: 'vividPurple' }, { status: 'ok', agent }));
      const root = document.querySelector('[data-aa-instance]')!;
      expect(root).toHaveClass('is-position-bottom-right');
      expect(root.getAttribute('style')).toBe('--aa-accent:var(--wp--preset--color--vivid-purple);');
      expect(instanceOf(root)).toMatchObject({ greeting: 'Hello there', strings: expect.objectContaining({ title: 'Ask us' }) });
    });

    test('an unreachable service still renders the bubble, with the last known contact link for the widget’s notice', () => {
      showPage(renderBlock({ agentId: 'agt_demo' }, { status: 'unreachable', agent }));
      const root = document.querySelector('[data-aa-instance]')!;
      expect(instanceOf(root).contactUrl).toBe('https://shop.example/contact');
      expect(instanceOf(root).strings.unavailable).toMatch(/not available right now/);
    });

    test('drops an avatar or contact URL that is not http(s)', () => {
      const hostile = { ...agent, contactUrl: 'javascript:alert(1)', appearance: { ...agent.appearance, avatarUrl: 'javascript:alert(1)', primaryColor: 'red;}body{display:none' } };
      showPage(renderBlock({ agentId: 'agt_demo', displayMode: 'inline' }, { status: 'ok', agent: hostile }));
      const root = document.querySelector('[data-aa-instance]')!;
      expect(root.querySelector('img')).toBeNull();
      expect(root.hasAttribute('style')).toBe(false);
      expect(instanceOf(root)).toMatchObject({ avatarUrl: '', contactUrl: '' });
    });
  });

  test('turns the block colours into the accent custom properties and drops unsafe values', () => {
    document.body.innerHTML = renderBlock({ agentId: 'agt_demo', backgroundColor: 'vividPurple', style: { color: { text: '#ffffff' } } });
    expect(document.querySelector('[data-aa-instance]')!.getAttribute('style')).toBe('--aa-accent:var(--wp--preset--color--vivid-purple);--aa-accent-text:#ffffff;');
    document.body.innerHTML = renderBlock({ agentId: 'agt_demo', style: { color: { background: 'red;}body{display:none' } } });
    expect(document.querySelector('[data-aa-instance]')!.hasAttribute('style')).toBe(false);
  });

  test('its markup boots the real launcher, which asks the site’s session route at the first click', () => {
    showPage(renderBlock({ agentId: 'agt_demo', displayMode: 'floating' }));
    const fetchMock = jest.fn(() => new Promise(() => undefined));
    Object.assign(window, { fetch: fetchMock });
    jest.isolateModules(() => {
      require('../launcher');
    });
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(fetchMock).toHaveBeenCalledWith('https://shop.example/wp-json/affiliate-agent/v1/session', expect.objectContaining({ method: 'POST' }));
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe(printed().widgetUrl);
  });
});
