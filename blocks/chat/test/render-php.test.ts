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

function renderBlock(attributes: Record<string, unknown>): string {
  return execFileSync('php', [path.join(__dirname, 'render-php-harness.php'), JSON.stringify(attributes), path.join(__dirname, '../render.php')], {
    encoding: 'utf8',
  });
}

const describeWithPhp = hasPhp ? describe : describe.skip;
if (!hasPhp) console.warn('php is not installed: the render.php tests are skipped (apt-get install php-cli).');

describeWithPhp('render.php', () => {
  beforeEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
  });

  test('prints nothing when no agent is chosen', () => {
    expect(renderBlock({ agentId: '' }).trim()).toBe('');
  });

  test('prints a floating bubble with the launcher’s data attributes and no token', () => {
    const html = renderBlock({ agentId: 'agt_demo', displayMode: 'floating', position: 'bottom-left' });
    document.body.innerHTML = html;
    const root = document.querySelector<HTMLElement>('.wp-block-affiliate-agent-chat')!;
    expect(root).toHaveClass('is-floating', 'is-position-bottom-left');
    expect(root.dataset).toMatchObject({
      agentId: 'agt_demo',
      mode: 'floating',
      sessionUrl: 'https://shop.example/wp-json/affiliate-agent/v1/session',
      widgetUrl: expect.stringMatching(/\/build\/blocks\/chat\/widget\.js\?ver=/),
    });
    expect(JSON.parse(root.dataset.config!).strings).toMatchObject({ confirm: 'Confirm', edit: 'Edit', retry: 'Try again' });
    expect(screen.getByRole('button', { name: 'Open chat' })).toHaveAttribute('aria-expanded', 'false');
    expect(html).not.toMatch(/token/i);
  });

  test('prints an inline panel with the greeting override and placeholder, escaped', () => {
    document.body.innerHTML = renderBlock({
      agentId: 'agt_demo',
      displayMode: 'inline',
      greeting: 'Hello <script>alert(1)</script>',
      placeholder: 'Ask "anything"',
      title: 'Partner desk',
    });
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText('Hello <script>alert(1)</script>')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Ask "anything"' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Partner desk' })).toBeInTheDocument();
    expect(JSON.parse(document.querySelector<HTMLElement>('[data-aa-chat]')!.dataset.config!).greeting).toBe('Hello <script>alert(1)</script>');
  });

  test('turns the block colours into the accent custom properties and drops unsafe values', () => {
    document.body.innerHTML = renderBlock({ agentId: 'agt_demo', backgroundColor: 'vividPurple', style: { color: { text: '#ffffff' } } });
    expect(document.querySelector('[data-aa-chat]')!.getAttribute('style')).toBe('--aa-accent:var(--wp--preset--color--vivid-purple);--aa-accent-text:#ffffff;');
    document.body.innerHTML = renderBlock({ agentId: 'agt_demo', style: { color: { background: 'red;}body{display:none' } } });
    expect(document.querySelector('[data-aa-chat]')!.hasAttribute('style')).toBe(false);
  });

  test('its markup boots the real launcher, which asks the site’s session route at the first click', () => {
    document.body.innerHTML = renderBlock({ agentId: 'agt_demo', displayMode: 'floating' });
    const fetchMock = jest.fn(() => new Promise(() => undefined));
    Object.assign(window, { fetch: fetchMock });
    jest.isolateModules(() => {
      require('../launcher');
    });
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(fetchMock).toHaveBeenCalledWith('https://shop.example/wp-json/affiliate-agent/v1/session', expect.objectContaining({ method: 'POST' }));
    expect(document.head.querySelector('script')!.getAttribute('src')).toMatch(/widget\.js\?ver=/);
  });
});
