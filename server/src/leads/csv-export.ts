import type { Lead } from './lead-types';
import { safeHttpUrl } from '../contract/safe-url';

/**
 * Spreadsheet-safe CSV: every cell quoted, and a cell that a spreadsheet would run as a formula
 * (starting with = + - @ tab or carriage return) is prefixed with a single quote.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const FIXED_COLUMNS = ['id', 'created_at', 'agent_id', 'action', 'name', 'email', 'score', 'route', 'status', 'tags', 'page_url', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign'];

export function* leadsToCsv(leads: Iterable<Lead>, fieldKeys: string[]): Generator<string> {
  yield [...FIXED_COLUMNS, ...fieldKeys.map((key) => `field_${key}`)].map(csvCell).join(',') + '\r\n';
  for (const lead of leads) {
    const fixed = [
      lead.id,
      lead.createdAt,
      lead.agentId,
      `${lead.actionKey}@${lead.actionVersion}`,
      lead.name,
      lead.email,
      lead.score,
      lead.route,
      lead.status,
      lead.tags,
      // Spreadsheets make URL cells clickable: only http(s) URLs are written.
      safeHttpUrl(lead.source.pageUrl),
      safeHttpUrl(lead.source.referrer),
      lead.source.utm?.source,
      lead.source.utm?.medium,
      lead.source.utm?.campaign,
    ];
    yield [...fixed, ...fieldKeys.map((key) => lead.fields[key])].map(csvCell).join(',') + '\r\n';
  }
}
