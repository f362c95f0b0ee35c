import type { Lead } from '../contract/lead-types';
import { answerText, type AnswerField } from '../contract/lead-answers';
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

const FIXED_COLUMNS = ['Lead ID', 'Received', 'Agent ID', 'Action', 'Name', 'Email', 'Score', 'Route', 'Status', 'Tags', 'Page', 'Referrer', 'UTM source', 'UTM medium', 'UTM campaign'];

/** One column per field key, headed by the field's label (the key is added when another column has that label). */
export interface CsvField {
  key: string;
  label: string;
}

/**
 * `fieldsOf` gives each lead's own action fields, so a choice shows its option label ("Paid ads",
 * not `paid_ads`). Numbers stay plain digits: a spreadsheet reads "150.000" as 150 in English.
 */
export function* leadsToCsv(leads: Iterable<Lead>, columns: CsvField[], fieldsOf: (lead: Lead) => AnswerField[] | null = () => null): Generator<string> {
  const labelCount = new Map<string, number>(FIXED_COLUMNS.map((label) => [label, 1]));
  for (const column of columns) labelCount.set(column.label, (labelCount.get(column.label) ?? 0) + 1);
  const headers = columns.map((column) => ((labelCount.get(column.label) ?? 0) > 1 ? `${column.label} (${column.key})` : column.label));
  yield [...FIXED_COLUMNS, ...headers].map(csvCell).join(',') + '\r\n';
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
    const fields = fieldsOf(lead);
    const cells = columns.map(({ key }) => {
      const value = lead.fields[key];
      if (typeof value !== 'string') return value;
      return answerText(value, fields?.find((field) => field.key === key));
    });
    yield [...fixed, ...cells].map(csvCell).join(',') + '\r\n';
  }
}
