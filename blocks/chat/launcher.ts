/**
 * The only script a visitor downloads with the page (budget: 3 KB gzipped with style.scss).
 * It wires the server-rendered bubble or inline composer, and at first interaction asks the
 * site for a visitor token and loads the full widget in parallel. No token is ever in the
 * HTML, so fully cached pages keep working. Plain DOM on purpose: no framework, no imports.
 *
 * Trust: post markup is written by authors without `unfiltered_html`, and kses keeps `class`,
 * `id` and `data-*`. So nothing here is read from the markup except an instance id: the widget
 * URL, the session route and each block's settings come from `affiliateAgentChatConfig`, which
 * only the plugin prints (an inline script before this one; see render.php). An element whose
 * instance id that config does not name mounts nothing and loads nothing.
 */
type Mount = (root: HTMLElement, config: Record<string, unknown>, options: Record<string, unknown>) => { open(): void; toggle(): void };
interface Instance {
  agentId: string;
  mode: string;
  [setting: string]: unknown;
}
interface PrintedConfig {
  widgetUrl: string;
  sessionUrl: string;
  instances: Record<string, Instance>;
}

const win = window as unknown as { affiliateAgentChat?: { mount: Mount }; affiliateAgentChatConfig?: unknown };
let widget: Promise<Mount> | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  // A DOM element clobbering the global (`<div id="affiliateAgentChatConfig">`) is no plain object.
  Object.prototype.toString.call(value) === '[object Object]';

function printedConfig(): PrintedConfig | null {
  const config = win.affiliateAgentChatConfig;
  if (!isRecord(config) || !isRecord(config.instances) || typeof config.widgetUrl !== 'string' || typeof config.sessionUrl !== 'string') return null;
  return config as unknown as PrintedConfig;
}

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

function setup(root: HTMLElement, instance: Instance, printed: PrintedConfig): void {
  const { agentId, mode } = instance;
  const config: Record<string, unknown> = { ...instance, sessionUrl: printed.sessionUrl };
  let handle: ReturnType<Mount> | undefined;
  let loading = false;
  // Enter or Send in the static composer before the widget arrived: the visitor meant to send,
  // so the widget sends the typed text when it mounts instead of leaving it in the box.
  let sendDraft = false;

  function start(isInteraction: boolean): void {
    if (handle) {
      if (isInteraction && mode === 'floating') handle.toggle();
      return;
    }
    if (loading) return;
    loading = true;
    root.classList.add('is-loading');
    // A returning visitor (same tab) already holds a token in sessionStorage; the widget decides.
    const sessionPromise =
      isInteraction && !stored(agentId)
        ? fetch(printed.sessionUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ agentId }),
            credentials: 'same-origin',
          }).then((response) => (response.ok ? response.json() : Promise.reject(new Error(`session ${response.status}`))))
        : null;
    // The widget reports a failed session itself; this only keeps the console free of "unhandled".
    sessionPromise?.catch(() => undefined);
    loadWidget(printed.widgetUrl)
      .then((mount) => {
        const draft = root.querySelector<HTMLInputElement>('input, textarea')?.value;
        handle = mount(root, config, { sessionPromise, draft, sendDraft });
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
  root.addEventListener('focusin', (event) => mode === 'inline' && opener(event));
  const requestSend = (event: Event) => {
    event.preventDefault();
    sendDraft = true;
    start(true);
  };
  root.addEventListener('submit', requestSend);
  root.addEventListener('keydown', (event) => {
    // The same keys the live composer sends on: Enter, but not Shift+Enter or mid-IME composition.
    if (!handle && event.key === 'Enter' && !event.shiftKey && !event.isComposing && (event.target as Element).matches?.('textarea')) requestSend(event);
  });
  // Warm the cache when the pointer comes near; the token still waits for a real click.
  root.addEventListener('pointerenter', () => void loadWidget(printed.widgetUrl).catch(() => undefined), { once: true });
  if (stored(agentId)) start(false);
}

function init(): void {
  const printed = printedConfig();
  if (!printed) return;
  const mounted = new Set<string>();
  document.querySelectorAll<HTMLElement>('[data-aa-instance]').forEach((root) => {
    const id = root.dataset.aaInstance ?? '';
    const instance = Object.prototype.hasOwnProperty.call(printed.instances, id) ? printed.instances[id] : null;
    // Each printed instance mounts once: a copy of a real block's id elsewhere in a post stays inert.
    if (!isRecord(instance) || typeof instance.agentId !== 'string' || mounted.has(id)) return;
    mounted.add(id);
    setup(root, instance, printed);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
