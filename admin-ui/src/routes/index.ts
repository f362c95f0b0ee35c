import { actionBuilderRoute } from './action-builder/route';
import { leadRoute } from './lead/route';
import { leadsRoute } from './leads/route';
import type { ScreenRoute } from './route-types';

/** Every screen, in navigation order. A screen is one folder plus one line here. */
export const SCREEN_ROUTES: ScreenRoute[] = [leadsRoute, leadRoute, actionBuilderRoute];
