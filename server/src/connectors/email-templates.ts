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

/** Escapes the whole message, then turns blank-line paragraphs, line breaks and URLs into markup. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph.trim()).replace(/\n/g, '<br>\n');
      // A link only for what safeHttpUrl accepts; the text is already escaped, so the href is unescaped
      // to check the real URL and escaped again for the attribute.
      const linked = escaped.replace(/https?:\/\/[^\s<]+/g, (match) => {
        const url = safeHttpUrl(unescapeHtml(match));
        return url ? `<a href="${escapeHtml(url)}">${match}</a>` : match;
      });
      return `<p>${linked}</p>`;
    })
    .join('\n');
}

export function renderEmail(template: { subject: string; body: string }, values: MergeValues, options: { preheader?: string } = {}): RenderedEmail {
  // Subjects are plain text headers: no markup, no line breaks a value could use to add headers.
  const subject = mergeText(template.subject, values).replace(/[\r\n]+/g, ' ').trim();
  const text = mergeText(template.body, values).replace(/\r\n/g, '\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${options.preheader ? `<div style="display:none">${escapeHtml(options.preheader)}</div>` : ''}${textToHtml(text)}</body></html>`;
  return { subject, html, text };
}

export { DEFAULT_REJECTION_TEMPLATE, DEFAULT_WELCOME_TEMPLATE } from '../contract/email-defaults';
