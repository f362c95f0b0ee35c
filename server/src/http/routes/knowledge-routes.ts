import type { Router } from 'express';
import { CAPABILITIES } from '../admin-auth';
import type { RouteContext } from '../route-context';

/** Admin API for knowledge (docs/knowledge.md). Every route is a signed request with aa_manage_agents. */
export const KNOWLEDGE_UPLOAD_PATH = '/v1/knowledge/sets/:setId/files';
/** MAX_UPLOAD_BYTES (5 MB) in base64 plus the JSON around it. */
export const KNOWLEDGE_UPLOAD_BODY_LIMIT = '7mb';

export function registerKnowledgeRoutes(router: Router, { container, adminAuth }: RouteContext): void {
  const manage = adminAuth.require(CAPABILITIES.manageAgents);
  const knowledge = container.knowledge;
  const param = (value: unknown) => String(value);

  router.get('/v1/knowledge/sets', manage, (_request, response) => {
    response.json({ knowledgeSets: knowledge.listSets() });
  });
  router.post('/v1/knowledge/sets', manage, (request, response) => {
    response.status(201).json({ knowledgeSet: knowledge.createSet(request.body) });
  });
  router.get('/v1/knowledge/sets/:setId', manage, (request, response) => {
    response.json({ knowledgeSet: knowledge.getSet(param(request.params.setId)) });
  });
  router.patch('/v1/knowledge/sets/:setId', manage, (request, response) => {
    response.json({ knowledgeSet: knowledge.updateSet(param(request.params.setId), request.body) });
  });
  router.delete('/v1/knowledge/sets/:setId', manage, (request, response) => {
    knowledge.removeSet(param(request.params.setId));
    response.status(204).end();
  });

  router.get('/v1/knowledge/sets/:setId/sources', manage, (request, response) => {
    response.json({ sources: knowledge.listSources(param(request.params.setId)) });
  });
  router.post('/v1/knowledge/sets/:setId/sources', manage, (request, response) => {
    response.status(201).json({ source: knowledge.addFaq(param(request.params.setId), request.body) });
  });
  router.post(KNOWLEDGE_UPLOAD_PATH, manage, async (request, response) => {
    response.status(201).json({ source: await knowledge.uploadFile(param(request.params.setId), request.body) });
  });
  router.post('/v1/knowledge/sets/:setId/sync', manage, async (request, response) => {
    response.json({ sync: await knowledge.syncWordpress(param(request.params.setId), request.body ?? {}) });
  });

  router.get('/v1/knowledge/sources/:sourceId', manage, (request, response) => {
    const sourceId = param(request.params.sourceId);
    response.json({ source: knowledge.getSource(sourceId), chunks: knowledge.chunksOfSource(sourceId) });
  });
  router.patch('/v1/knowledge/sources/:sourceId', manage, async (request, response) => {
    response.json({ source: await knowledge.updateSource(param(request.params.sourceId), request.body) });
  });
  router.delete('/v1/knowledge/sources/:sourceId', manage, (request, response) => {
    knowledge.removeSource(param(request.params.sourceId));
    response.status(204).end();
  });

  // Called by the plugin when a page, post or product is saved or deleted (docs/knowledge.md).
  router.post('/v1/knowledge/wordpress/push', manage, async (request, response) => {
    response.json(await knowledge.applyWordpressPush(request.body));
  });
  router.post('/v1/knowledge/search-preview', manage, async (request, response) => {
    response.json(await knowledge.searchPreview(request.body));
  });
}
