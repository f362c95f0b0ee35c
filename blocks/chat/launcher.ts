/**
 * The only script a visitor downloads with the page (budget: 3 KB gzipped with style.scss).
 * It wires the server-rendered bubble or inline composer, and at first interaction asks the
 * site for a visitor token and loads the full widget in parallel. No token is ever in the
 * HTML, so fully cached pages keep working. Plain DOM on purpose: no framework, no imports.
 */
type Mount = (root: HTMLElement, config: Record<string, unknown>, options: Record<string, unknown>) => { open(): void; toggle(): void };


const ROOT = 'wp-block-affiliate-agent-chat';
const win = window as unknown as { affiliateAgentChat?: { mount: Mount } };
let widget: Promise<Mount> | undefined;

function loadWidget(url: string): Promise<Mount> {
  return (widget ??= new Promise<Mount>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => (win.affiliateAgentChat ? resolve(win.affiliateAgentChat.mount) : reject(new Error('widget')));
    script.onerror = () => {
      widget = undefined; // Let a later click try again (flaky network).
      reject(new Error('widget'));
    };
    document.head.append(script);
  }));
}

function stored(agentId: string): boolean {
  try {
    return !!sessionStorage.getItem(`aa-chat:${agentId}`);
  } catch {
    return false;
  }
}

function setup(root: HTMLElement): void {
  const data = root.dataset;
  const agentId = data.agentId ?? '';
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(data.config ?? '{}');
  } catch {
    // Fall back to the widget's English strings.
  }
  config = { ...config, agentId, sessionUrl: data.sessionUrl, mode: data.mode, position: data.position };
  let handle: ReturnType<Mount> | undefined;
  let loading = false;

  function start(isInteraction: boolean): void {
    if (handle) {
      if (isInteraction && data.mode === 'floating') handle.toggle();
      return;
    }
    if (loading) return;
    loading = true;
    root.classList.add('is-loading');
    // A returning visitor (same tab) already holds a token in sessionStorage; the widget decides.
    const sessionPromise =
      isInteraction && !stored(agentId)
        ? fetch(data.sessionUrl ?? '', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ agentId }),
            credentials: 'same-origin',
          }).then((response) => (response.ok ? response.json() : Promise.reject(new Error(`session ${response.status}`))))
        : null;
    // The widget reports a failed session itself; this only keeps the console free of "unhandled".
    sessionPromise?.catch(() => undefined);
    loadWidget(data.widgetUrl ?? '')
      .then((mount) => {
        const draft = root.querySelector<HTMLInputElement>('input, textarea')?.value;
        handle = mount(root, config, { sessionPromise, draft });
        if (isInteraction) handle.open();
      })
      .catch(() => root.classList.add('is-error'))
      .finally(() => {
        loading = false;
        root.classList.remove('is-loading');
      });
  }

  const opener = (event: Event) => (event.target as Element).closest?.('[data-aa-open]') && start(true);
  root.addEventListener('click', opener);
  root.addEventListener('focusin', (event) => data.mode === 'inline' && opener(event));
  root.addEventListener('submit', (event) => {
    event.preventDefault();
    start(true);
  });
  // Warm the cache when the pointer comes near; the token still waits for a real click.
  root.addEventListener('pointerenter', () => void loadWidget(data.widgetUrl ?? '').catch(() => undefined), { once: true });
  if (stored(agentId)) start(false);
}

function init(): void {
  document.querySelectorAll<HTMLElement>(`.${ROOT}[data-aa-chat]`).forEach(setup);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
