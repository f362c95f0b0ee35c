import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * Turns a page's HTML into plain text with Markdown headings, which the chunker understands.
 * Scripts, styles, navigation, headers, footers, sidebars and forms are removed with their content:
 * they repeat on every page and would make every page match menu words.
 *
 * The input is written by post authors, so it is hostile by assumption (security review, finding 4:
 * a post of `<nav>x ` × 128k froze the service for 80 s under the former regular expressions).
 * Tokens come from htmlparser2's Tokenizer, a linear state machine. Its Parser is not used on
 * purpose: it keeps the open elements with Array#unshift and searches them on every close tag,
 * which is quadratic on deeply nested input (14 s for the post above). The small tree builder here
 * pushes and pops, counts open elements per name so an unmatched close tag costs O(1), and stops
 * nesting at MAX_DEPTH, so every input is processed in time linear in its length.
 * Large inputs are also moved off the main thread (html-to-text-off-thread.ts).
 */
const DROPPED_ELEMENTS = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'header', 'footer', 'aside', 'form', 'iframe', 'button', 'select', 'textarea', 'object']);
/** Themes often mark navigation by role (<div role="navigation">). */
const DROPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo']);
const BLOCK_ELEMENTS = new Set(['p', 'div', 'section', 'article', 'main', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'blockquote', 'pre', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'details', 'summary', 'hr']);
const VOID_ELEMENTS = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const HEADING = /^h[1-6]$/;
/** Deeper elements are read as text of their parent: no real page nests this deep. */
export const MAX_DEPTH = 256;

export interface HtmlExtract {
  text: string;
  /** The page's <title>, else its first <h1>; null when it has neither. */
  title: string | null;
}

interface OpenElement {
  name: string;
  dropped: boolean;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whitespace tidy-up of the assembled text: single-character classes only, linear. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function extractHtml(html: string): HtmlExtract {
  const out: string[] = [];
  const stack: OpenElement[] = [];
  const openCount = new Map<string, number>();
  let droppedDepth = 0;
  let heading: { level: number; parts: string[]; depth: number } | null = null;
  let titleParts: string[] | null = null;
  let title: string | null = null;
  let firstH1: string | null = null;

  let tagName = '';
  let attributeName = '';
  let attributeValue = '';
  let role = '';

  function emit(text: string): void {
    if (droppedDepth > 0) return;
    if (heading) heading.parts.push(text);
    else out.push(text);
  }

  function open(name: string): void {
    if (name === 'br') return emit('\n');
    if (VOID_ELEMENTS.has(name)) {
      if (name === 'hr') emit('\n\n');
      return;
    }
    if (stack.length >= MAX_DEPTH) return;
    const dropped = DROPPED_ELEMENTS.has(name) || DROPPED_ROLES.has(role);
    stack.push({ name, dropped });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (name === 'title' && title === null && !titleParts) titleParts = [];
    if (dropped) {
      droppedDepth++;
      return;
    }
    if (HEADING.test(name) && !heading && droppedDepth === 0) {
      heading = { level: Number(name[1]), parts: [], depth: stack.length };
    } else if (name === 'li') emit('\n- ');
    else if (name === 'td' || name === 'th') emit(' | ');
    else if (BLOCK_ELEMENTS.has(name)) emit('\n\n');
  }

  function closeTop(): void {
    const element = stack.pop()!;
    openCount.set(element.name, openCount.get(element.name)! - 1);
    if (element.name === 'title' && titleParts) {
      title = collapse(titleParts.join('')) || null;
      titleParts = null;
    }
    if (element.dropped) {
      droppedDepth--;
      emit('\n');
      return;
    }
    if (heading && heading.depth === stack.length + 1) {
      const text = collapse(heading.parts.join(''));
      if (element.name === 'h1' && firstH1 === null && text) firstH1 = text;
      const level = heading.level;
      heading = null;
      emit(text ? `\n\n${'#'.repeat(level)} ${text}\n\n` : '\n');
    } else if (element.name === 'li') emit('\n');
    else if (BLOCK_ELEMENTS.has(element.name)) emit('\n\n');
  }

  function close(name: string): void {
    if (name === 'br') return emit('\n');
    // Unmatched close tags are ignored in O(1); a matched one closes what it contains (each element once).
    if (!openCount.get(name)) return;
    while (stack.length > 0 && stack[stack.length - 1].name !== name) closeTop();
    closeTop();
  }

  function text(value: string): void {
    if (titleParts) titleParts.push(value);
    emit(value);
  }

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagName = html.slice(start, end).toLowerCase();
      role = '';
    },
    onattribname(start, end) {
      attributeName = html.slice(start, end).toLowerCase();
      attributeValue = '';
    },
    onattribdata(start, end) {
      if (attributeName === 'role') attributeValue += html.slice(start, end);
    },
    onattribentity(codepoint) {
      if (attributeName === 'role') attributeValue += String.fromCodePoint(codepoint);
    },
    onattribend() {
      if (attributeName === 'role') role = attributeValue.trim().toLowerCase();
    },
    onopentagend() {
      open(tagName);
    },
    onselfclosingtag() {
      open(tagName);
      if (!VOID_ELEMENTS.has(tagName)) close(tagName);
    },
    onclosetag(start, end) {
      close(html.slice(start, end).toLowerCase());
    },
    ontext(start, end) {
      text(html.slice(start, end));
    },
    ontextentity(codepoint) {
      text(String.fromCodePoint(codepoint));
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {
      while (stack.length > 0) closeTop();
    },
  };

  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return { text: tidy(out.join('')), title: title ?? firstH1 };
}

export function htmlToText(html: string): string {
  return extractHtml(html).text;
}

/** The page's <title> or first <h1>, for uploads that do not name themselves. */
export function htmlTitle(html: string): string | null {
  return extractHtml(html).title;
}
