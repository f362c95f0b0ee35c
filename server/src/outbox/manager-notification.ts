import type { Lead } from '../contract/lead-types';
import { labelAnswers, type AnswerField } from '../contract/lead-answers';
import { escapeHtml, textToHtml, type RenderedEmail } from '../connectors/email-templates';

/**
 * The email a manager gets for a new lead: priority leads are marked in the subject and the
 * first line, every answer is listed, and a link opens the lead in wp-admin.
 */
export function leadAdminUrl(siteUrl: string | undefined, leadId: string): string {
  const base = (siteUrl ?? '').replace(/\/+$/, '');
  return `${base}/wp-admin/admin.php?page=affiliate-agent#/leads/${encodeURIComponent(leadId)}`;
}

/** `fields` are the lead's action fields (labels, option labels); without them the keys are shown. */
export function renderManagerNotification(lead: Lead, input: { siteUrl?: string; trigger: string; fields?: AnswerField[] | null; locale?: string }): RenderedEmail {
  const priority = lead.route === 'priority';
  const who = lead.name ?? lead.email ?? lead.id;
  const again = input.trigger.startsWith('lead-resubmitted') ? ' (updated)' : '';
  const subject = `${priority ? '[Priority] ' : ''}New lead${again}: ${who} — score ${lead.score}, ${lead.route}`.replace(/[\r\n]+/g, ' ');
  const url = leadAdminUrl(input.siteUrl, lead.id);
  const answers = labelAnswers(lead.fields, input.fields, input.locale);
  const text = [
    priority ? 'PRIORITY LEAD — reply soon.' : 'A new lead came in through the chat agent.',
    '',
    ...answers.map((answer) => `${answer.label}: ${answer.text}`),
    '',
    `Score: ${lead.score} (${lead.route})`,
    lead.scoreExplanation.summary,
    lead.tags.length ? `Tags: ${lead.tags.join(', ')}` : '',
    lead.source.pageUrl ? `Page: ${lead.source.pageUrl}` : '',
    '',
    `Open the lead: ${url}`,
  ]
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
    .join('\n');
  const rows = answers.map((answer) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(answer.label)}</th><td>${escapeHtml(answer.text)}</td></tr>`).join('');
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">' +
    (priority ? '<p style="color:#b32d2e;font-weight:bold">Priority lead — reply soon.</p>' : '<p>A new lead came in through the chat agent.</p>') +
    `<table>${rows}</table>` +
    textToHtml(`Score: ${lead.score} (${lead.route})\n${lead.scoreExplanation.summary}${lead.tags.length ? `\nTags: ${lead.tags.join(', ')}` : ''}`) +
    `<p><a href="${escapeHtml(url)}">Open the lead in WordPress</a></p></body></html>`;
  return { subject, html, text };
}
