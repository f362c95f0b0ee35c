import type { Router } from 'express';
import { actorOf, CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';
import { ForbiddenError } from '../../core/errors';

/**
 * What the plugin reports from inside WordPress about AffiliateWP. Signed by the plugin itself
 * (user 0, like the content push): a user's proxied request can never claim to be AffiliateWP.
 * The body names the WordPress user who changed the status, for the activity log.
 */
export function registerAffiliateWpRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const plugin = adminAuth.require(CAPABILITIES.manageAgents);

  router.post('/v1/affiliatewp/status-changed', plugin, (request, response) => {
    if (actorOf(request).userId !== 0) {
      throw new ForbiddenError('Only the WordPress plugin itself (signed as user 0) reports AffiliateWP status changes; approve or reject the lead instead.');
    }
    response.json(container.affiliateStatus.apply(request.body ?? {}));
  });
}
