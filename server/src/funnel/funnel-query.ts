import { z } from 'zod';
import { FUNNEL_GROUP_BY } from '../contract/funnel';
import { parseOrThrow } from '../core/zod-issues';
import { ValidationError } from '../core/errors';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' });
const querySchema = z.object({
  agentId: z.string({ error: 'expected agentId, the agent to report on' }).min(1).max(64),
  from: day.optional(),
  to: day.optional(),
  groupBy: z.enum(FUNNEL_GROUP_BY, { error: `expected groupBy to be one of ${FUNNEL_GROUP_BY.join(', ')}` }).optional(),
});

/** The longest range one request may cover; keeps a single query bounded. */
export const MAX_FUNNEL_DAYS = 366;
const DAY_MS = 86_400_000;

export type FunnelQuery = ReturnType<typeof parseFunnelQuery>;

/** Validates `?agentId&from&to&groupBy`; the range defaults to the 30 days ending today (UTC), both ends inclusive. */
export function parseFunnelQuery(input: unknown, now: Date) {
  const query = parseOrThrow(querySchema, input, 'funnel query');
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new ValidationError('funnel query: from/to: expected real calendar dates', [{ path: 'from', message: 'expected a real calendar date' }]);
  if (toMs <= fromMs) throw new ValidationError('funnel query: from must not be after to', [{ path: 'from', message: 'expected a date on or before to' }]);
  if ((toMs - fromMs) / DAY_MS > MAX_FUNNEL_DAYS) throw new ValidationError(`funnel query: at most ${MAX_FUNNEL_DAYS} days at a time`, [{ path: 'from', message: `expected a range of at most ${MAX_FUNNEL_DAYS} days` }]);
  return { agentId: query.agentId, from, to, groupBy: query.groupBy ?? null, fromTime: new Date(fromMs).toISOString(), toTime: new Date(toMs).toISOString() };
}
