import type { Router } from 'express';
import type { RouteContext } from './route-context';
import { registerHealthRoutes } from './routes/health-routes';
import { registerAgentRoutes } from './routes/agent-routes';
import { registerActionRoutes } from './routes/action-routes';
import { registerLeadRoutes } from './routes/lead-routes';
import { registerDeliveryRoutes } from './routes/delivery-routes';
import { registerAffiliateWpRoutes } from './routes/affiliatewp-routes';
import { registerSettingsRoutes } from './routes/settings-routes';
import { registerKnowledgeRoutes } from './routes/knowledge-routes';
import { registerConversationRoutes } from './routes/conversation-routes';
import { registerPreviewRoutes } from './routes/preview-routes';
import { registerPlaygroundRoutes } from './routes/playground-routes';
import { registerUsageRoutes } from './routes/usage-routes';
import { registerFunnelRoutes } from './routes/funnel-routes';
import { registerPrivacyRoutes } from './routes/privacy-routes';
import { registerOperationsRoutes } from './routes/operations-routes';

/** Every route module of the service, registered in this order. One line per domain. */
export const ROUTE_MODULES: Array<(router: Router, context: RouteContext) => void> = [
  registerHealthRoutes,
  registerOperationsRoutes,
  registerAgentRoutes,
  registerActionRoutes,
  registerLeadRoutes,
  registerDeliveryRoutes,
  registerAffiliateWpRoutes,
  registerSettingsRoutes,
  registerKnowledgeRoutes,
  registerPreviewRoutes,
  registerConversationRoutes,
  registerPlaygroundRoutes,
  registerUsageRoutes,
  registerFunnelRoutes,
  registerPrivacyRoutes,
];
