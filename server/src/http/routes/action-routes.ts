import type { Router } from 'express';
import { actorOf, CAPABILITIES } from '../admin-auth';
import { ValidationError } from '../../core/errors';
import type { RouteContext } from '../route-context';

export function registerActionRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const manage = adminAuth.require(CAPABILITIES.manageAgents);
  const actions = container.actions;

  router.get('/v1/action-templates', manage, (_request, response) => {
    response.json({ templates: actions.templates() });
  });
  router.post('/v1/actions/validate', manage, (request, response) => {
    response.json({ valid: true, definition: actions.validate(request.body) });
  });
  router.post('/v1/actions/preview-score', manage, (request, response) => {
    response.json({ result: actions.previewScore(request.body) });
  });
  router.get('/v1/agents/:agentId/actions', manage, (request, response) => {
    response.json({ actions: actions.listByAgent(String(request.params.agentId)) });
  });
  router.post('/v1/agents/:agentId/actions', manage, (request, response) => {
    response.status(201).json({ action: actions.create(String(request.params.agentId), request.body, actorOf(request).userId) });
  });
  router.get('/v1/actions/:actionId', manage, (request, response) => {
    response.json({ action: actions.get(String(request.params.actionId)) });
  });
  router.put('/v1/actions/:actionId/draft', manage, (request, response) => {
    const body = request.body as { definition?: unknown } | undefined;
    response.json({ action: actions.updateDraft(String(request.params.actionId), body?.definition ?? body, actorOf(request).userId) });
  });
  router.post('/v1/actions/:actionId/publish', manage, (request, response) => {
    response.json({ action: actions.publish(String(request.params.actionId)) });
  });
  router.get('/v1/actions/:actionId/versions', manage, (request, response) => {
    response.json({ versions: actions.versions(String(request.params.actionId)) });
  });
  router.post('/v1/actions/:actionId/versions/:version/restore', manage, (request, response) => {
    const version = Number(request.params.version);
    if (!Number.isInteger(version) || version < 1) {
      throw new ValidationError(`'${String(request.params.version)}' is not a version number; expected a whole number from 1.`, [{ path: 'version', message: 'expected a whole number from 1' }]);
    }
    response.json({ action: actions.restore(String(request.params.actionId), version, actorOf(request).userId) });
  });
  router.delete('/v1/actions/:actionId', manage, (request, response) => {
    actions.remove(String(request.params.actionId));
    response.status(204).end();
  });
}
