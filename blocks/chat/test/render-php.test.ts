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

function renderBlock(attributes: Record<string, unknown> | Array<Record<string, unknown>>): string {
  return execFileSync('php', [path.join(__dirname, 'render-php-harness.php'), JSON.stringify(attributes), path.join(__dirname, '../render.php')], {
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
