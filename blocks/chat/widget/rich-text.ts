import type { Citation } from './types';

/**
 * Renders assistant text as DOM nodes, never as HTML: paragraphs, line breaks, **bold**,
 * [label](https://…) links, bare https links, and citation markers such as [S1] that link to
 * the cited source. Anything else stays plain text, so model output cannot inject markup.
 */
const INLINE = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|\*\*([^*\n]{1,500})\*\*|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|\[(S\d{1,3})\]/g;

/** An http(s) link for a URL, or null: sources without a page (FAQ entries, uploads) have no link. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function link(text: string, href: string, className?: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
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
