/**
 * Email templates with merge tags ({{name}}, {{email}}, {{referral_url}}, any field key).
 * Templates are plain text written by the owner; the HTML part escapes every value (a visitor's
 * name cannot inject markup), the plain-text part is the same message without markup.
 */
import { safeHttpUrl } from '../contract/safe-url';

export type MergeValues = Record<string, string | number | boolean | null | undefined>;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}


export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function unescapeHtml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

import { mergeText } from '../contract/email-defaults';

export { mergeText };

/**
 * Escapes the whole message, then turns blank-line paragraphs, line breaks and URLs into markup.
 * `isLinkable` chooses which URLs become links (all http(s) ones by default).
 */
export function textToHtml(text: string, isLinkable: (url: string) => boolean = () => true): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph.trim()).replace(/\n/g, '<br>\n');
      // A link only for what safeHttpUrl accepts; the text is already escaped, so the href is unescaped
      // to check the real URL and escaped again for the attribute.
      const linked = escaped.replace(/https?:\/\/[^\s<]+/g, (match) => {
        const url = safeHttpUrl(unescapeHtml(match));
        return url && isLinkable(unescapeHtml(match)) ? `<a href="${escapeHtml(url)}">${match}</a>` : match;
      });
      return `<p>${linked}</p>`;
    })
    .join('\n');
}

/** Merge tags whose values the service makes itself (not a visitor), so they may be links. */
export const LINKABLE_MERGE_TAGS = ['referral_url', 'lead_url'] as const;

const URLS = /https?:\/\/[^\s<]+/g;

export function renderEmail(template: { subject: string; body: string }, values: MergeValues, options: { preheader?: string } = {}): RenderedEmail {
  // Subjects are plain text headers: no markup, no line breaks a value could use to add headers.
  const subject = mergeText(template.subject, values).replace(/[\r\n]+/g, ' ').trim();
  const text = mergeText(template.body, values).replace(/\r\n/g, '\n');
  // Links only for URLs the owner wrote into the template or the service made (referral link, lead
  // page): a URL a visitor typed (their "website") stays plain text, so mail to a typed address
  // never carries a visitor's link as markup (issue 12).
  const trusted = new Set<string>([...(template.body.match(URLS) ?? []), ...LINKABLE_MERGE_TAGS.map((key) => values[key]).filter((value): value is string => typeof value === 'string')]);
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${options.preheader ? `<div style="display:none">${escapeHtml(options.preheader)}</div>` : ''}${textToHtml(text, (url) => trusted.has(url))}</body></html>`;
  return { subject, html, text };
}

export { DEFAULT_REJECTION_TEMPLATE, DEFAULT_WELCOME_TEMPLATE } from '../contract/email-defaults';
