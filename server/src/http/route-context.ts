import type { Container } from '../container';
import type { AdminAuth } from './admin-auth';

/**
 * What every route module receives. Its own file, so route modules depend on it and on nothing
 * that lists them (http/routes.ts imports the route modules, never the other way round).
 */
export interface RouteContext {
  container: Container;
  adminAuth: AdminAuth;
}
