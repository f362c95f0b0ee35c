import css from './widget.scss';
import { createChatClient, type FetchLike } from '../../../server/src/contract/chat-client';
import { createChatController, type ChatController } from './chat-controller';
import { createConversationStore } from './conversation-store';
import { DEFAULT_STRINGS } from './default-strings';
import { CLASS, ICON_CLOSE } from './dom';
import type { VisitorSession, WidgetConfig, WidgetStrings } from './types';
import { createView } from './view';

export interface MountOptions {
  sessionPromise?: Promise<VisitorSession> | null;
  fetch?: FetchLike;
  storage?: Storage | null;
  reconnectDelaysMs?: number[];
  /** How long a silent answer stream is trusted before it counts as dropped (default 45 s). */
  streamIdleTimeoutMs?: number;
  /** Text the visitor typed into the static composer before the widget arrived. */
  draft?: string;
  /** The visitor already pressed Enter or Send on that text: send it once mounted. */
  sendDraft?: boolean;
}

export interface WidgetHandle {
  controller: ChatController;
  open(): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
}

function injectStyles(): void {
  if (typeof css !== 'string' || document.getElementById(`${CLASS}-styles`)) return;
  const style = document.createElement('style');
  style.id = `${CLASS}-styles`;
  style.textContent = css;
  document.head.append(style);
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // Blocked storage (some privacy modes) throws on access.
  }
}

/**
 * Turns a chat block into the live widget. Inline blocks swap their static panel for the live
 * one in the same box (no layout shift); floating blocks get a fixed panel next to the bubble.
 */
export type MountConfig = Partial<Omit<WidgetConfig, 'strings'>> & { agentId: string; sessionUrl: string; strings?: Partial<WidgetStrings> };

export function mount(root: HTMLElement, partialConfig: MountConfig, options: MountOptions = {}): WidgetHandle {
  injectStyles();
  // Field by field: a data attribute the page left out arrives as undefined and must not win.
  const config: WidgetConfig = {
    agentId: partialConfig.agentId,
    sessionUrl: partialConfig.sessionUrl,
    mode: partialConfig.mode === 'inline' ? 'inline' : 'floating',
    position: partialConfig.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    greeting: partialConfig.greeting ?? '',
    avatarUrl: partialConfig.avatarUrl ?? '',
    contactUrl: partialConfig.contactUrl ?? '',
    strings: { ...DEFAULT_STRINGS, ...(partialConfig.strings ?? {}) },
  };
  const isFloating = config.mode === 'floating';
  const bubble = root.querySelector<HTMLButtonElement>(`.${CLASS}__bubble`);
  const bubbleIcon = bubble?.innerHTML ?? '';
  let open = !isFloating;

  const store = createConversationStore(options.storage === undefined ? sessionStorageOrNull() : options.storage, config.agentId);
  const client = createChatClient(options.fetch ?? ((input, init) => window.fetch(input, init)), { idleTimeoutMs: options.streamIdleTimeoutMs });
  // The controller and view need each other; the view only calls back through these handlers,
  // which run after both exist.
  const view = createView(root, config, {
    onSend: (text) => void controller.send(text),
    onRetry: () => void controller.retry(),
    onClose: () => handle.close(),
  });
  const controller: ChatController = createChatController({ config, client, store, view, sessionPromise: options.sessionPromise, reconnectDelaysMs: options.reconnectDelaysMs });

  view.mountInto(root, root.querySelector(`.${CLASS}__panel`));
  root.classList.add('is-ready');

  function setOpen(next: boolean, moveFocus = true): void {
    open = next;
    root.classList.toggle('is-open', next);
    view.panel.hidden = !next;
    bubble?.setAttribute('aria-expanded', String(next));
    if (bubble) {
      bubble.setAttribute('aria-label', next ? config.strings.close : config.strings.open);
      // Static icons only (render.php's, or this bundle's); never visitor or model text.
      bubble.innerHTML = next ? ICON_CLOSE : bubbleIcon;
    }
    controller.setOpen(next);
    if (next) {
      void controller.ensureConversation();
      view.scrollToEnd();
      if (moveFocus) view.focusInput();
    } else if (moveFocus) bubble?.focus();
  }

  const handle: WidgetHandle = {
    controller,
    open: () => setOpen(true),
    close: () => isFloating && setOpen(false),
    toggle: () => (open ? handle.close() : handle.open()),
    isOpen: () => open,
  };

  controller.restore();
  if (isFloating) setOpen(controller.state.isOpen === true, false);
  else void controller.ensureConversation();
  const draft = options.draft?.trim();
  // A restored message still in flight keeps the composer busy; the draft then waits in the box.
  if (draft && options.sendDraft && !controller.state.pending) void controller.send(draft);
  else if (draft) view.input.value = options.draft!;
  return handle;
}

declare global {
  interface Window {
    affiliateAgentChat?: { mount: typeof mount };
  }
}
window.affiliateAgentChat = { mount };
