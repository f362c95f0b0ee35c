import type { Router } from 'express';
import { CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';

export function registerAgentRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const manage = adminAuth.require(CAPABILITIES.manageAgents);
  // Lead reviewers need agent names for the inbox filters, so reading is open to both capabilities.
  const read = adminAuth.requireAny([CAPABILITIES.manageAgents, CAPABILITIES.reviewLeads]);

  router.get('/v1/agents', read, (_request, response) => {
    response.json({ agents: container.agents.list() });
  });
  router.post('/v1/agents', manage, (request, response) => {
    response.status(201).json({ agent: container.agents.create(request.body) });
  });
  router.get('/v1/agents/:agentId', read, (request, response) => {
    response.json({ agent: container.agents.get(String(request.params.agentId)) });
  });
  router.patch('/v1/agents/:agentId', manage, (request, response) => {
    response.json({ agent: container.agents.update(String(request.params.agentId), request.body) });
  });
  router.delete('/v1/agents/:agentId', manage, (request, response) => {
    container.agents.remove(String(request.params.agentId));
    response.status(204).end();
  });
}
