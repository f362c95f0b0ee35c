import type { Router } from 'express';
import type { Container } from '../container';
import type { AdminAuth } from './admin-auth';
import { registerHealthRoutes } from './health-routes';
import { registerAgentRoutes } from '../agents/agent-routes';
import { registerActionRoutes } from '../actions/action-routes';
import { registerLeadRoutes } from '../leads/lead-routes';
import { registerDeliveryRoutes } from '../outbox/delivery-routes';
import { registerSettingsRoutes } from '../settings/settings-routes';
import { registerKnowledgeRoutes } from '../knowledge/knowledge-routes';
import { registerConversationRoutes } from '../conversations/conversation-routes';
import { registerPreviewRoutes } from '../preview/preview-routes';
import { registerPlaygroundRoutes } from '../conversations/playground-routes';
import { registerUsageRoutes } from '../usage/usage-routes';
import { registerPrivacyRoutes } from '../privacy/privacy-routes';
import { registerOperationsRoutes } from '../operations/operations-routes';

export interface RouteContext {
  container: Container;
  adminAuth: AdminAuth;
}

/** Every route module of the service, registered in this order. One line per domain. */
export const ROUTE_MODULES: Array<(router: Router, context: RouteContext) => void> = [
  registerHealthRoutes,
  registerOperationsRoutes,
  registerAgentRoutes,
  registerActionRoutes,
  registerLeadRoutes,
  registerDeliveryRoutes,
  registerSettingsRoutes,
  registerKnowledgeRoutes,
  registerPreviewRoutes,
  registerConversationRoutes,
  registerPlaygroundRoutes,
  registerUsageRoutes,
  registerPrivacyRoutes,
];
