import fs from 'node:fs';
import type { Router } from 'express';
import { z } from 'zod';
import { newId } from '../../core/ids';
import { AppError, NotFoundError } from '../../core/errors';
import type { RouteContext } from '../route-context';
import { parseOrThrow } from '../../core/zod-issues';
import { mintToken } from '../../security/tokens';
import { ownOrigin } from '../own-origin';
import { assertPreviewAllowed } from '../preview-access';
import { renderAgentList, renderPreviewPage } from '../../preview/preview-page';
import { createWidgetAssets, SERVED_FILES, type WidgetAssets } from '../../preview/widget-assets';

/**
 * "Try it in one command": `GET /preview/:agentId` is a plain page with the real chat widget,
 * so `npm start` alone lets a person chat in a browser; `GET /widget/*` serves the built bundles.
 * The preview gets its visitor token from `POST /preview/:agentId/session` (the same answer shape
 * as WordPress's session route) instead of from WordPress. See preview-access.ts for who may.
 */
export const PREVIEW_TOKEN_SECONDS = 3600;

const querySchema = z.object({
  mode: z.enum(['inline', 'floating']).catch('inline'),
  position: z.enum(['bottom-right', 'bottom-left']).optional().catch(undefined),
  dir: z.enum(['ltr', 'rtl']).catch('ltr'),
});

export function registerPreviewRoutes(router: Router, { container }: RouteContext, assets: WidgetAssets = createWidgetAssets({ logger: container.logger })): void {
  const { config } = container;

  async function assetVersion(): Promise<string> {
    await assets.ensureBuilt();
    const widget = assets.pathOf('widget.js');
    return widget ? String(Math.floor(fs.statSync(widget).mtimeMs)) : '0';
  }

  registerWidgetFiles(router, assets);
  // AA_PREVIEW off (the default): no preview route exists, so they answer 404 like any unknown path.
  if (!config.preview) return;

  /** Disabled agents are not previewed: the list omits them and their page and session are 404. */
  function enabledAgent(agentId: string) {
    const agent = container.agents.get(agentId);
    if (!agent.enabled) throw new NotFoundError('Agent', agentId);
    return agent;
  }

  router.get('/preview', (request, response) => {
    assertPreviewAllowed(request, config);
    response.type('html').send(renderAgentList(container.agents.list().filter((agent) => agent.enabled)));
  });

  router.get('/preview/:agentId', async (request, response) => {
    assertPreviewAllowed(request, config);
    const agent = enabledAgent(String(request.params.agentId));
    const query = parseOrThrow(querySchema, request.query, 'preview options');
    const html = renderPreviewPage({
      agent,
      mode: query.mode,
      position: query.position ?? agent.appearance.position,
      direction: query.dir,
      assetVersion: await assetVersion(),
    });
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(html);
  });

  router.post('/preview/:agentId/session', (request, response) => {
    assertPreviewAllowed(request, config);
    const agent = enabledAgent(String(request.params.agentId));
    const origin = ownOrigin(request);
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + PREVIEW_TOKEN_SECONDS;
    const token = mintToken(container.secret, { v: 1, kind: 'visitor', agent: agent.id, visitor: newId('vis'), origin, iat: issuedAt, exp: expiresAt });
    response.setHeader('Cache-Control', 'no-store');
    response.json({ token, expiresAt: new Date(expiresAt * 1000).toISOString(), serviceUrl: origin, agentId: agent.id });
  });
}

/** The built chat bundles: public, static, served whether or not the preview is on. */
function registerWidgetFiles(router: Router, assets: WidgetAssets): void {
  router.get('/widget/:file', async (request, response) => {
    const name = String(request.params.file);
    const file = assets.pathOf(name);
    if (!file) throw new NotFoundError('Widget file', name);
    try {
      await assets.ensureBuilt();
    } catch (error) {
      throw new AppError(`The chat widget could not be built: ${(error as Error).message}. Run npm run build:blocks to see why.`, {
        status: 503,
        code: 'widget_unavailable',
      });
    }
    response.setHeader('Content-Type', SERVED_FILES[name]);
    // Versioned URLs (?ver=) change with every build, so browsers may keep a copy for a day.
    response.setHeader('Cache-Control', request.query.ver ? 'public, max-age=86400' : 'no-cache');
    response.sendFile(file);
  });
}
