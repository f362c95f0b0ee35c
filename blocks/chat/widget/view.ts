import { CLASS, element, iconButton, screenReaderText, ICON_CLOSE, ICON_SEND } from './dom';
import { link, renderRichText, safeHref } from './rich-text';
import type { TranscriptEntry, WidgetConfig } from './types';
import { confirmationLeadIn } from '../../../server/src/contract/confirmation-text';

export const MAX_MESSAGE_LENGTH = 2000;

/** Kept under its old name for the widget's callers and tests (the rule lives in the contract). */
export const leadIn = confirmationLeadIn;

/** A summary value that wraps after `@`, `.`, `/` and `-` first (emails, URLs), and anywhere only if it must. */
function wrappableValue(value: string): HTMLElement {
  const dd = document.createElement('dd');
  value.split(/(?<=[@./-])/).forEach((part, index) => {
    if (index > 0) dd.append(document.createElement('wbr'));
    dd.append(part);
  });
  return dd;
}

export interface ViewHandlers {
  onSend(text: string): void;
  onRetry(): void;
  onClose(): void;
}

/**
 * The widget's DOM: one panel with a header, a message log (role=log, polite live region so
 * screen readers hear each finished message), and a composer. The controller decides; this draws.
 */
export function createView(root: HTMLElement, config: WidgetConfig, handlers: ViewHandlers) {
  const { strings } = config;
  const isFloating = config.mode === 'floating';
  const titleId = `${CLASS}-title-${Math.random().toString(36).slice(2, 8)}`;

  const panel = element('div', 'panel', isFloating ? { role: 'dialog', 'aria-labelledby': titleId } : { role: 'region', 'aria-labelledby': titleId });
  // Direction comes from the page, so an RTL site gets a mirrored widget without configuration.
  panel.dir = document.documentElement.dir || getComputedStyle(root).direction || 'ltr';

  const header = element('div', 'header');
  const avatar = element('span', 'avatar', { 'aria-hidden': 'true' });
  const avatarUrl = safeHref(config.avatarUrl);
  if (avatarUrl) avatar.append(element('img', undefined, { src: avatarUrl, alt: '', width: '32', height: '32' }));
  else avatar.textContent = (strings.title.trim()[0] ?? 'A').toUpperCase();
  const title = element('h2', 'title', { id: titleId }, strings.title);
  header.append(avatar, title);
  if (isFloating) {
    const close = iconButton('close', strings.close, ICON_CLOSE);
    close.addEventListener('click', () => handlers.onClose());
    header.append(close);
  }

  const log = element('div', 'log', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': titleId, tabindex: '0' });
  // Inside the log, so screen readers hear "typing" once, as sighted visitors see the dots.
  const typing = element('div', 'typing');
  typing.append(screenReaderText(strings.typing), element('span', 'dot'), element('span', 'dot'), element('span', 'dot'));
  typing.hidden = true;
  const status = element('div', 'status', { role: 'status' });
  status.hidden = true;

  const form = element('form', 'composer');
  const input = element('textarea', 'input', { rows: '1', 'aria-label': strings.placeholder, placeholder: strings.placeholder, maxlength: String(MAX_MESSAGE_LENGTH) });
  const send = iconButton('send', strings.send, ICON_SEND, 'submit');
  form.append(input, send);
  panel.append(header, log, status, form);

  let isBusy = false;
  const entryNodes = new Map<string, HTMLElement>();

  function isNearEnd(): boolean {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }
  function scrollToEnd(): void {
    log.scrollTop = log.scrollHeight;
  }
  function resizeInput(): void {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }
  function submit(): void {
    const text = input.value.trim();
    if (!text || isBusy) return;
    input.value = '';
    resizeInput();
    handlers.onSend(text.slice(0, MAX_MESSAGE_LENGTH));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter adds a line; IME composition must not send half a word.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', resizeInput);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isFloating) handlers.onClose();
  });

  function actionButton(part: string, label: string, onClick: () => void): HTMLButtonElement {
    const button = element('button', part, { type: 'button' }, label);
    button.addEventListener('click', () => {
      onClick();
      input.focus();
    });
    return button;
  }

  function renderEntry(entry: TranscriptEntry, isStreaming = false): void {
    const stick = isNearEnd();
    let node = entryNodes.get(entry.id);
    if (!node) {
      node = element('div', 'message');
      entryNodes.set(entry.id, node);
      log.insertBefore(node, typing.parentNode === log ? typing : null);
    }
    node.className = `${CLASS}__message is-${entry.role}${isStreaming ? ' is-streaming' : ''}`;
    // A busy live region holds its announcements: screen readers read the answer once, complete,
    // instead of every streamed fragment.
    if (entry.role === 'assistant') log.setAttribute('aria-busy', String(isStreaming));
    const bubble = element('div', 'text');
    const text = entry.role === 'assistant' && entry.confirmation ? leadIn(entry.content) : entry.content;
    if (entry.role === 'user') bubble.textContent = text;
    else renderRichText(bubble, text, entry.citations);
    node.replaceChildren(screenReaderText(`${entry.role === 'user' ? strings.you : strings.assistant}: `));
    if (text) node.append(bubble);

    // Only sources with a real page are listed: an FAQ entry has no URL to send the visitor to.
    const citations = (entry.citations ?? []).flatMap((citation) => {
      const href = safeHref(citation.url);
      return href ? [{ title: citation.title || href, href }] : [];
    });
    if (citations.length > 0 && !isStreaming) {
      const sources = element('ul', 'sources', { 'aria-label': strings.sources });
      for (const citation of citations) {
        const item = element('li', 'source');
        item.append(link(citation.title, citation.href));
        sources.append(item);
      }
      node.append(sources);
    }

    if (entry.confirmation && !isStreaming) {
      const { confirmation } = entry;
      const cardTitleId = `${titleId}-${entry.id}-card`;
      const card = element('div', 'card', { role: 'group', 'aria-labelledby': cardTitleId });
      card.append(element('p', 'card-title', { id: cardTitleId }, confirmation.title));
      const list = element('dl', 'summary');
      for (const row of confirmation.summary ?? []) {
        list.append(element('dt', undefined, {}, row.label), wrappableValue(String(row.value ?? '')));
      }
      card.append(list);
      if (confirmation.isAnswered) card.classList.add('is-answered');
      else {
        const actions = element('div', 'card-actions');
        actions.append(
          actionButton('button is-primary', strings.confirm, () => handlers.onSend('yes')),
          actionButton('button is-secondary', strings.edit, () => handlers.onSend('edit')),
        );
        card.append(actions);
      }
      node.append(card);
    }

    const options = entry.fieldRequest?.field.options ?? [];
    if (options.length > 0 && !isStreaming) {
      const replies = element('div', 'quick-replies', { role: 'group', 'aria-label': entry.fieldRequest!.field.label });
      for (const option of options.slice(0, 12)) {
        replies.append(actionButton('button is-chip', option.label, () => handlers.onSend(option.label)));
      }
      node.append(replies);
    }
    if (stick) scrollToEnd();
  }

  return {
    panel,
    input,
    log,
    mountInto(container: HTMLElement, replace?: Element | null): void {
      if (replace) replace.replaceWith(panel);
      else container.append(panel);
    },
    renderEntry,
    removeEntry(id: string): void {
      log.setAttribute('aria-busy', 'false');
      entryNodes.get(id)?.remove();
      entryNodes.delete(id);
    },
    setTyping(isTyping: boolean): void {
      typing.hidden = !isTyping;
      if (isTyping) {
        log.append(typing);
        scrollToEnd();
      }
    },
    setBusy(busy: boolean): void {
      isBusy = busy;
      send.disabled = busy;
      panel.classList.toggle('is-busy', busy);
    },
    /** A short state line under the log, e.g. "Reconnecting…"; polite so it does not interrupt. */
    setStatus(text: string | null): void {
      status.hidden = !text;
      status.textContent = text ?? '';
    },
    showError(message: string, isRetryable: boolean, contactUrl?: string | null): void {
      log.setAttribute('aria-busy', 'false');
      log.querySelector(`.${CLASS}__error`)?.remove();
      const box = element('div', 'error', { role: 'alert' });
      box.append(element('span', undefined, {}, message));
      const contact = safeHref(contactUrl);
      if (contact) box.append(' ', link(strings.contact, contact));
      if (isRetryable) {
        const retry = element('button', 'button is-secondary', { type: 'button' }, strings.retry);
        retry.addEventListener('click', () => {
          box.remove();
          handlers.onRetry();
        });
        box.append(retry);
      }
      log.append(box);
      scrollToEnd();
    },
    clearError(): void {
      log.querySelector(`.${CLASS}__error`)?.remove();
    },
    focusInput(): void {
      input.focus({ preventScroll: true });
    },
    scrollToEnd,
  };
}
export type WidgetView = ReturnType<typeof createView>;
