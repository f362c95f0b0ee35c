import type { Router } from 'express';
import { CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';

export function registerPrivacyRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  // WordPress lets administrators run its privacy tools; they hold aa_manage_agents.
  const manage = adminAuth.require(CAPABILITIES.manageAgents);
  router.get('/v1/privacy/export', manage, (request, response) => {
    response.json(container.privacy.export({ email: request.query.email }));
  });
  router.post('/v1/privacy/erase', manage, (request, response) => {
    response.json(container.privacy.erase(request.body));
  });
}
