import type { FunnelCounts, FunnelReport } from '../contract/funnel';
import { csvCell } from '../leads/csv-export';

/**
 * The funnel as CSV, one row per group and a Total row, with the lead CSV's formula-safe cells (a UTM
 * source or page is visitor text). Field columns are "Reached: <label>" in the funnel's field order.
 */
export function* funnelToCsv(report: FunnelReport): Generator<string> {
  const fieldHeaders = report.total.fields.map((field) => `Reached: ${field.label} (${field.actionKey}.${field.fieldKey})`);
  yield ['Group', 'Conversations', 'Application started', ...fieldHeaders, 'Submitted', 'Approved', 'First referral'].map(csvCell).join(',') + '\r\n';
  const row = (group: string, counts: FunnelCounts) => [group, counts.conversations, counts.applicationStarted, ...counts.fields.map((field) => field.reached), counts.submitted, counts.approved, 'not available'].map(csvCell).join(',') + '\r\n';
  for (const group of report.groups) yield row(group.key ?? '(none)', group);
  yield row('Total', report.total);
}
