/**
 * Turns a page's HTML into plain text with Markdown headings, which the chunker understands.
 * Scripts, styles, navigation, headers, footers, sidebars and forms are removed with their content:
 * they repeat on every page and would make every page match menu words. A regex pass is enough
 * here: the input is the site's own rendered content, and the output is only ever indexed, never
 * rendered as HTML.
 */
const DROPPED_ELEMENTS = ['head', 'script', 'style', 'noscript', 'template', 'svg', 'nav', 'header', 'footer', 'aside', 'form', 'iframe', 'button', 'select', 'textarea', 'object'];
const BLOCK_ELEMENTS = /<\/?(p|div|section|article|main|ul|ol|table|thead|tbody|tfoot|tr|blockquote|pre|figure|figcaption|dl|dt|dd|details|summary|hr)\b[^>]*>/gi;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euro: '€', pound: '£', copy: '©', reg: '®', trade: '™',
  rarr: '→', larr: '←', harr: '↔', times: '×', middot: '·', bull: '•', laquo: '«', raquo: '»', deg: '°', percnt: '%',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function inlineText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

export function htmlToText(html: string): string {
  let text = html.replace(/<!--[\s\S]*?-->/g, ' ');
  for (const element of DROPPED_ELEMENTS) {
    text = text.replace(new RegExp(`<${element}\\b[^>]*>[\\s\\S]*?<\\/${element}\\s*>`, 'gi'), '\n');
    text = text.replace(new RegExp(`<${element}\\b[^>]*\\/?>`, 'gi'), ' ');
  }
  // Elements marked as navigation by role are dropped too (themes often use <div role="navigation">).
  text = text.replace(/<(\w+)\b[^>]*role=["']?(navigation|banner|contentinfo)["']?[^>]*>[\s\S]*?<\/\1\s*>/gi, '\n');
  text = text.replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_whole, level: string, inner: string) => {
    const heading = inlineText(inner);
    return heading ? `\n\n${'#'.repeat(Number(level))} ${heading}\n\n` : '\n';
  });
  text = text.replace(/<li\b[^>]*>/gi, '\n- ').replace(/<\/li\s*>/gi, '\n');
  text = text.replace(/<(td|th)\b[^>]*>/gi, ' | ');
  text = text.replace(/<br\s*\/?>/gi, '\n');
  text = text.replace(BLOCK_ELEMENTS, '\n\n');
  text = decodeEntities(text.replace(/<[^>]*>/g, ''));
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The page's <title> or first <h1>, for uploads that do not name themselves. */
export function htmlTitle(html: string): string | null {
  const match = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = match ? inlineText(match[1]) : '';
  return title || null;
}
