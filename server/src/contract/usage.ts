/** What the usage screen reads: `GET /v1/agents/:id/usage`. */
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
