import type { Router } from 'express';
import { CAPABILITIES } from '../admin-auth';
import { AppError, AuthenticationError } from '../../core/errors';
import type { RouteContext } from '../route-context';
import { parseOrThrow } from '../../core/zod-issues';
import { timingSafeEqualStrings } from '../../security/request-signing';
import { SERVICE_VERSION } from '../../core/version';
import { RETENTION_SETTINGS_KEY, readRetentionSettings, retentionSettingsSchema } from '../../operations/retention';

/** Readiness, metrics, the health report and the retention settings (docs/deploying.md). */
export function registerOperationsRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const { operations } = container;
  const manage = adminAuth.require(CAPABILITIES.manageAgents);

  // Public on purpose, like /health: orchestrators probe it without credentials. It reveals states
  // and counts, never data; error text is left out so no internal path leaks.
  router.get('/ready', (_request, response) => {
    const result = operations.readiness.check();
    const { error: _hidden, ...database } = result.checks.database;
    response.status(result.ready ? 200 : 503).json({ ...result, checks: { ...result.checks, database } });
  });

  // Off unless AA_METRICS_TOKEN is set; then only with `Authorization: Bearer <token>`. A missing
  // endpoint answers 404 so scanners learn nothing.
  router.get('/metrics', async (request, response) => {
    const token = container.config.operations.metricsToken;
    if (!token || !operations.metrics) throw new AppError('Metrics are off. Set AA_METRICS_TOKEN to serve /metrics (docs/deploying.md).', { status: 404, code: 'metrics_disabled' });
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqualStrings(token, given)) throw new AuthenticationError('Send the metrics token as `Authorization: Bearer <AA_METRICS_TOKEN>`.', 'metrics_token_invalid');
    response.type(operations.metrics.contentType).send(await operations.metrics.render());
  });

  router.get('/v1/operations/health', manage, (_request, response) => {
    const readiness = operations.readiness.check();
    const stats = operations.repository.stats();
    response.json({
      version: SERVICE_VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      readiness,
      database: { bytesOnDisk: stats.bytesOnDisk, pageSize: stats.pageSize, pages: stats.pages, freePages: stats.freePages, rows: stats.rows },
      outbox: container.outbox.stats(),
      retention: readRetentionSettings((key) => container.settings.get(key)),
    });
  });

  router.get('/v1/settings/retention', manage, (_request, response) => {
    response.json({ retention: readRetentionSettings((key) => container.settings.get(key)) });
  });
  router.patch('/v1/settings/retention', manage, (request, response) => {
    const current = readRetentionSettings((key) => container.settings.get(key));
    // Merge first, validate the whole: an omitted key keeps its value, an unknown one is refused by name.
    const patch = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : { body: request.body };
    const next = parseOrThrow(retentionSettingsSchema, { ...current, ...patch }, 'retention settings');
    container.settings.set(RETENTION_SETTINGS_KEY, next);
    response.json({ retention: next });
  });
}
