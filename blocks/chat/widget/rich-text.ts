import { safeHttpUrl } from '../../../server/src/contract/safe-url';
import type { Citation } from './types';

/**
 * Renders assistant text as DOM nodes, never as HTML: paragraphs, line breaks, **bold**,
 * [label](https://…) links, bare https links, and citation markers such as [S1] that link to
 * the cited source. Anything else stays plain text, so model output cannot inject markup.
 */
const INLINE = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|\*\*([^*\n]{1,500})\*\*|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|\[(S\d{1,3})\]/g;

/**
 * Links only absolute http(s) URLs (the shared rule): a citation without a URL, or with a
 * relative or script one, stays text instead of resolving against the page (`<page>/null`).
 */
export function safeHref(url: unknown): string | null {
  return safeHttpUrl(url);
}

export function link(text: string, href: string, className?: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer nofollow';
  if (className) anchor.className = className;
  return anchor;
}

function appendInline(parent: HTMLElement, text: string, citations: Citation[]): void {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) parent.append(text.slice(last, index));
    last = index + match[0].length;
    const [whole, label, url, bold, bare, marker] = match;
    if (label && url) {
      const href = safeHref(url);
      parent.append(href ? link(label, href) : whole);
    } else if (bold) {
      const strong = document.createElement('strong');
      strong.textContent = bold;
      parent.append(strong);
    } else if (bare) {
      const href = safeHref(bare);
      parent.append(href ? link(bare, href) : bare);
    } else if (marker) {
      const cited = citations.find((citation) => citation.id === marker);
      const href = cited ? safeHref(cited.url) : null;
      if (href) {
        const anchor = link(marker, href, 'wp-block-affiliate-agent-chat__citation-marker');
        anchor.title = cited!.title;
        parent.append(anchor);
      } else parent.append(whole);
    }
  }
  if (last < text.length) parent.append(text.slice(last));
}

export function renderRichText(container: HTMLElement, text: string, citations: Citation[] = []): void {
  container.replaceChildren();
  for (const block of text.split(/\n{2,}/)) {
    if (!block.trim()) continue;
    const paragraph = document.createElement('p');
    block.split('\n').forEach((line, index) => {
      if (index > 0) paragraph.append(document.createElement('br'));
      appendInline(paragraph, line, citations);
    });
    container.append(paragraph);
  }
}
