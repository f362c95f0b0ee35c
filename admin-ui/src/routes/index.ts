import { actionBuilderRoute } from './action-builder/route';
import { agentsRoute } from './agents/route';
import { knowledgeRoute } from './knowledge/route';
import { leadRoute } from './lead/route';
import { leadsRoute } from './leads/route';
import { playgroundRoute } from './playground/route';
import type { ScreenRoute } from './route-types';
import { settingsRoute } from './settings/route';
import { usageRoute } from './usage/route';
import { funnelRoute } from './funnel/route';

/**
 * Every screen, in navigation order (the first one a user may open is their home).
 * A screen is one folder plus one line here.
 */
export const SCREEN_ROUTES: ScreenRoute[] = [agentsRoute, playgroundRoute, leadsRoute, leadRoute, funnelRoute, knowledgeRoute, usageRoute, settingsRoute, actionBuilderRoute];
