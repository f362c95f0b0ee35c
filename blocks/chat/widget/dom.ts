/** Tiny DOM helpers: the widget has no framework, so building elements stays short and readable. */
export const CLASS = 'wp-block-affiliate-agent-chat';

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  part?: string,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (part) node.className = `${CLASS}__${part}`;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text for screen readers only (e.g. who said a message); the visual layout shows it by position. */
export function screenReaderText(text: string): HTMLSpanElement {
  return element('span', 'sr-only', {}, text);
}

export const ICON_SEND =
  '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>';
export const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="currentColor" d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>';

export function iconButton(part: string, label: string, svg: string, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const button = element('button', part, { type, 'aria-label': label });
  // Static, trusted markup from this file only; never model or visitor text.
  button.innerHTML = svg;
  return button;
}
