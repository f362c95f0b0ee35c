import type { Router } from 'express';
import { z } from 'zod';
import { CAPABILITIES } from '../admin-auth';
import { parseOrThrow } from '../../core/zod-issues';
import type { RouteContext } from '../route-context';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' });
const querySchema = z.object({
  agentId: z.string({ error: 'expected agentId, the agent to report on' }).min(1).max(64),
  from: day.optional(),
  to: day.optional(),
});

/** Usage per agent and day, and the month's total against the agent's cap (aa_manage_agents). */
export function registerUsageRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  router.get('/v1/usage', adminAuth.require(CAPABILITIES.manageAgents), (request, response) => {
    const query = parseOrThrow(querySchema, request.query, 'usage query');
    const agent = container.agents.get(query.agentId);
    response.json({ usage: container.usage.report(agent.id, agent.monthlyCap, { from: query.from, to: query.to }) });
  });
}
