import { escapeHtml, type RenderedEmail } from '../../connectors/email-templates';
import { leadAdminUrl } from '../manager-notification';
import type { AutoApprovalOfDay, WaitingLead } from './digest-repository';

/**
 * The manager's daily digest: yesterday's auto-approvals, each with a link to its lead page (where
 * Undo is, within the window), the leads waiting for review, and the counts. Names and emails are
 * what visitors typed: the subject carries none of them and the HTML part escapes every one.
 */
export interface DigestContent {
  day: string;
  autoApprovals: AutoApprovalOfDay[];
  skipped: number;
  waiting: { leads: WaitingLead[]; total: number };
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
const who = (lead: { name: string | null; email: string | null; leadId: string }) => oneLine(lead.name ?? lead.email ?? lead.leadId);

export function renderDigest(content: DigestContent, input: { siteUrl?: string; now: number }): RenderedEmail {
  const approved = content.autoApprovals;
  const undone = approved.filter((entry) => entry.undone).length;
  const subject = `Affiliate Agent digest for ${content.day}: ${approved.length} auto-approved, ${content.waiting.total} waiting for review`;
  const undoLine = (entry: AutoApprovalOfDay) => {
    if (entry.undone) return 'undone';
    if (entry.undoUntil && Date.parse(entry.undoUntil) > input.now) return `undo until ${entry.undoUntil}`;
    return 'undo window passed';
  };
  const approvedLines = approved.map((entry) => `- ${who(entry)} (score ${entry.score}) — ${oneLine(entry.reason)}; ${undoLine(entry)}: ${leadAdminUrl(input.siteUrl, entry.leadId)}`);
  const waitingLines = content.waiting.leads.map((lead) => `- ${who(lead)} (score ${lead.score}, ${lead.route}): ${leadAdminUrl(input.siteUrl, lead.leadId)}`);
  const more = content.waiting.total - content.waiting.leads.length;
  const counts = `Counts: ${approved.length} auto-approved (${undone} undone since), ${content.skipped} left for review by the policy, ${content.waiting.total} waiting for review now.`;
  const text = [
    `Auto-approvals on ${content.day} (UTC):`,
    ...(approvedLines.length ? approvedLines : ['- none']),
    '',
    'Waiting for review:',
    ...(waitingLines.length ? waitingLines : ['- none']),
    ...(more > 0 ? [`… and ${more} more in the inbox.`] : []),
    '',
    counts,
  ].join('\n');

  const link = (leadId: string, label: string) => `<a href="${escapeHtml(leadAdminUrl(input.siteUrl, leadId))}">${escapeHtml(label)}</a>`;
  const approvedItems = approved.map(
    (entry) => `<li>${escapeHtml(who(entry))} (score ${entry.score}) — ${escapeHtml(oneLine(entry.reason))}; ${escapeHtml(undoLine(entry))} · ${link(entry.leadId, entry.undone ? 'Open the lead' : 'Open the lead to undo')}</li>`,
  );
  const waitingItems = content.waiting.leads.map((lead) => `<li>${escapeHtml(who(lead))} (score ${lead.score}, ${escapeHtml(lead.route)}) · ${link(lead.leadId, 'Review')}</li>`);
  const list = (items: string[]) => (items.length ? `<ul>${items.join('')}</ul>` : '<p>None.</p>');
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">' +
    `<h2>Auto-approvals on ${escapeHtml(content.day)} (UTC)</h2>${list(approvedItems)}` +
    `<h2>Waiting for review</h2>${list(waitingItems)}${more > 0 ? `<p>… and ${more} more in the inbox.</p>` : ''}` +
    `<p>${escapeHtml(counts)}</p></body></html>`;
  return { subject, html, text };
}
