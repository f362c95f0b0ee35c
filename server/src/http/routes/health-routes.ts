import type { Router } from 'express';
import { isDatabaseUsable } from '../../db/database';
import { SERVICE_VERSION } from '../../core/version';
import type { RouteContext } from '../route-context';

export function registerHealthRoutes(router: Router, { container }: RouteContext): void {
  // Public on purpose: load balancers and the plugin's connection test call it; it reveals only the version.
  router.get('/health', (_request, response) => {
    const databaseOk = isDatabaseUsable(container.db);
    response.status(databaseOk ? 200 : 503).json({
      status: databaseOk ? 'ok' : 'degraded',
      version: SERVICE_VERSION,
      database: databaseOk ? 'ok' : 'unavailable',
      time: new Date().toISOString(),
    });
  });
}
