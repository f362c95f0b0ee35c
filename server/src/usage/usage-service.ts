import type { Engine } from './engine';
import type { UsageRepository } from './usage-repository';

export interface UsageDay {
  day: string;
  provider: { responses: number; inputTokens: number; outputTokens: number };
  offline: { responses: number };
}

export interface UsageReport {
  agentId: string;
  from: string;
  to: string;
  days: UsageDay[];
  month: { month: string; providerResponses: number; cap: number | null; capReached: boolean };
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const monthStart = (date: Date) => `${date.toISOString().slice(0, 7)}-01`;

/**
 * Metering: every AI response is counted per agent and UTC day. The monthly cap counts provider
 * responses only, because the offline engine costs nothing to run.
 */
export function createUsageService({ usage, now = () => new Date() }: { usage: UsageRepository; now?: () => Date }) {
  function providerResponsesThisMonth(agentId: string): number {
    const today = now();
    return usage.providerResponses(agentId, monthStart(today), dayOf(today));
  }

  return {
    record(agentId: string, engine: Engine, tokens: { inputTokens: number; outputTokens: number } = { inputTokens: 0, outputTokens: 0 }): void {
      usage.record(agentId, dayOf(now()), engine, tokens.inputTokens, tokens.outputTokens);
    },
    /** True when the agent has used its monthly allowance of provider responses. */
    capReached(agentId: string, monthlyCap: number | null): boolean {
      if (monthlyCap === null) return false;
      return providerResponsesThisMonth(agentId) >= monthlyCap;
    },
    report(agentId: string, monthlyCap: number | null, range: { from?: string; to?: string } = {}): UsageReport {
      const today = now();
      const to = range.to ?? dayOf(today);
      const from = range.from ?? monthStart(today);
      const byDay = new Map<string, UsageDay>();
      for (const row of usage.range(agentId, from, to)) {
        const day = byDay.get(row.day) ?? { day: row.day, provider: { responses: 0, inputTokens: 0, outputTokens: 0 }, offline: { responses: 0 } };
        if (row.engine === 'provider') day.provider = { responses: row.responses, inputTokens: row.inputTokens, outputTokens: row.outputTokens };
        else day.offline = { responses: row.responses };
        byDay.set(row.day, day);
      }
      const providerResponses = providerResponsesThisMonth(agentId);
      return {
        agentId,
        from,
        to,
        days: [...byDay.values()],
        month: {
          month: today.toISOString().slice(0, 7),
          providerResponses,
          cap: monthlyCap,
          capReached: monthlyCap !== null && providerResponses >= monthlyCap,
        },
      };
    },
  };
}
export type UsageService = ReturnType<typeof createUsageService>;
