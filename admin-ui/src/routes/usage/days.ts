import type { UsageDay } from './types';

/** Every calendar day of the range, so quiet days show as gaps instead of disappearing. */
export function fillDays(from: string, to: string, days: UsageDay[]): UsageDay[] {
  const byDay = new Map(days.map((day) => [day.day, day]));
  const out: UsageDay[] = [];
  const cursor = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  for (let guard = 0; cursor <= end && guard < 400; guard++) {
    const key = cursor.toISOString().slice(0, 10);
    out.push(byDay.get(key) ?? { day: key, provider: { responses: 0, inputTokens: 0, outputTokens: 0 }, offline: { responses: 0 } });
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return out;
}
