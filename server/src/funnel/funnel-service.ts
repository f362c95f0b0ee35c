import type { FunnelCounts, FunnelFieldStep, FunnelGroup, FunnelReport } from '../contract/funnel';
import type { FunnelFieldRow, FunnelRepository, FunnelStageRow } from './funnel-repository';
import { parseFunnelQuery } from './funnel-query';

/** An agent's published actions in order, with their fields in the order the visitor is asked them. */
export type FunnelActionFields = Array<{ actionKey: string; fields: Array<{ key: string; label: string }> }>;

/**
 * Said instead of a number: this service reads no AffiliateWP referral counts today (neither the bridge
 * nor the REST transport has such a call), and the funnel does not estimate one.
 */
export const FIRST_REFERRAL_NOT_AVAILABLE = 'AffiliateWP referral counts are not read by this service, so first referrals are not available.';

/**
 * The recruitment funnel (issue 16): conversations → application started → each field reached →
 * submitted → approved, for visitor conversations that started in the range, optionally split.
 */
export function createFunnelService({ funnel, actionFields, now = () => new Date() }: { funnel: FunnelRepository; actionFields: (agentId: string) => FunnelActionFields; now?: () => Date }) {
  return {
    report(input: unknown): FunnelReport {
      const query = parseFunnelQuery(input, now());
      const steps = funnel.steps(query, query.groupBy);
      const fieldRows = steps.filter((row) => row.fieldKey !== '');
      const stages = stagesOf(funnel.conversations(query, query.groupBy), steps, funnel.leads(query, query.groupBy));
      const order = fieldOrder(actionFields(query.agentId), fieldRows);
      const groups: FunnelGroup[] = stages.map((stage) => ({ key: stage.grp === null ? null : String(stage.grp), ...countsOf([stage], fieldRows.filter((row) => row.grp === stage.grp), order) }));
      return {
        agentId: query.agentId,
        from: query.from,
        to: query.to,
        groupBy: query.groupBy,
        // Every conversation is in exactly one group, so the total is their sum.
        total: countsOf(stages, fieldRows, order),
        groups: query.groupBy ? groups : [],
        firstReferral: { available: false, reason: FIRST_REFERRAL_NOT_AVAILABLE },
      };
    },
  };
}
export type FunnelService = ReturnType<typeof createFunnelService>;

/** Joins the three passes by group; every group has conversations, so the cohort's groups are the list. */
function stagesOf(conversations: Array<{ grp: string | null; conversations: number }>, steps: FunnelFieldRow[], leads: Array<{ grp: string | null; submitted: number; approved: number }>): FunnelStageRow[] {
  return conversations.map(({ grp, conversations: count }) => {
    const lead = leads.find((row) => row.grp === grp);
    const started = steps.filter((row) => row.grp === grp && row.fieldKey === '').reduce((total, row) => total + row.reached, 0);
    return { grp, conversations: count, started, submitted: lead?.submitted ?? 0, approved: lead?.approved ?? 0 };
  });
}

type FieldOrder = Array<{ actionKey: string; fieldKey: string; label: string }>;

/** The answered published actions' fields first, in their order; then any field only stored steps know (a removed field), by key. */
function fieldOrder(allActions: FunnelActionFields, rows: FunnelFieldRow[]): FieldOrder {
  // Only the actions visitors answered in this range (another action, such as a payout preference, would
  // show zeros and a misleading drop-off); with no answers at all, the first action's fields as zeros.
  const answered = new Set(rows.map((row) => row.actionKey));
  const actions = answered.size ? allActions.filter((action) => answered.has(action.actionKey)) : allActions.slice(0, 1);
  const order: FieldOrder = actions.flatMap((action) => action.fields.map((field) => ({ actionKey: action.actionKey, fieldKey: field.key, label: field.label })));
  const known = new Set(order.map((step) => `${step.actionKey}\u0000${step.fieldKey}`));
  const extra = [...new Set(rows.map((row) => `${row.actionKey}\u0000${row.fieldKey}`))].filter((id) => !known.has(id)).sort();
  for (const id of extra) {
    const [actionKey, fieldKey] = id.split('\u0000');
    order.push({ actionKey, fieldKey, label: fieldKey });
  }
  return order;
}

function countsOf(stages: FunnelStageRow[], rows: FunnelFieldRow[], order: FieldOrder): FunnelCounts {
  const sum = (pick: (stage: FunnelStageRow) => number) => stages.reduce((total, stage) => total + (pick(stage) ?? 0), 0);
  const applicationStarted = sum((stage) => stage.started);
  const reachedBy = new Map<string, number>();
  for (const row of rows) reachedBy.set(`${row.actionKey}\u0000${row.fieldKey}`, (reachedBy.get(`${row.actionKey}\u0000${row.fieldKey}`) ?? 0) + row.reached);
  const fields: FunnelFieldStep[] = [];
  let previous = { actionKey: '', reached: applicationStarted };
  for (const step of order) {
    const reached = reachedBy.get(`${step.actionKey}\u0000${step.fieldKey}`) ?? 0;
    // Each action's first field drops off from "application started"; later ones from the field before.
    const before = previous.actionKey === step.actionKey ? previous.reached : applicationStarted;
    fields.push({ ...step, reached, dropOff: Math.max(0, before - reached) });
    previous = { actionKey: step.actionKey, reached };
  }
  return { conversations: sum((stage) => stage.conversations), applicationStarted, fields, submitted: sum((stage) => stage.submitted), approved: sum((stage) => stage.approved) };
}
