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
  '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z" transform="translate(1.4 0)"/></svg>';

export function iconButton(part: string, label: string, svg: string, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const button = element('button', part, { type, 'aria-label': label });
  // Static, trusted markup from this file only; never model or visitor text.
  button.innerHTML = svg;
  return button;
}
