import express from 'express';
import { AppError } from './core/errors';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { createAdminAuth } from './http/admin-auth';
import { rawJsonBody } from './http/json-body';
import { ROUTE_MODULES } from './http/routes';
import type { Container } from './container';
import { createSqliteReplayGuard } from './security/replay-guard';
import { SIGNATURE_TOLERANCE_SECONDS } from './security/request-signing';
import { KNOWLEDGE_UPLOAD_BODY_LIMIT, KNOWLEDGE_UPLOAD_PATH } from './http/routes/knowledge-routes';

export const JSON_BODY_LIMIT = '1mb';
/** A visitor message is at most a few thousand characters; the start body is a page URL and UTM tags. */
export const VISITOR_BODY_LIMIT = '64kb';

/**
 * Builds the HTTP app. No listening and no globals here: tests start it in-process on an
 * ephemeral port with a temporary database.
 */
export function createApp(container: Container, options: { now?: () => number } = {}) {
  const app = express();
  app.disable('x-powered-by');
  // request.ip (rate limits, the preview's loopback check) believes X-Forwarded-For only from the
  // proxies named in AA_TRUSTED_PROXIES; by default nobody's, so a client cannot pick its address.
  app.set('trust proxy', container.config.trustedProxies.length > 0 ? container.config.trustedProxies : false);

  // Bodies with content must be JSON; the raw bytes are kept because signatures cover them.
  app.use((request, _response, next) => {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !request.is('application/json')) {
      throw new AppError(`Expected Content-Type: application/json, got '${request.headers['content-type'] ?? 'none'}'.`, {
        status: 415,
        code: 'unsupported_media_type',
      });
    }
    next();
  });
  const adminAuth = createAdminAuth({
    secret: container.secret,
    now: options.now,
    replayGuard: createSqliteReplayGuard(container.db, SIGNATURE_TOLERANCE_SECONDS),
  });
  // Bodies are read as bytes (signatures cover them) and parsed only when a handler reads them, after its
  // route's checks (http/json-body.ts). Knowledge file uploads carry a base64 file (5 MB is about 6.7 MB
  // encoded): only that path gets the larger limit, and only once its signature headers are present and
  // fresh, so an unsigned request is refused before a byte of it is read. Visitor chat bodies are small.
  app.post(KNOWLEDGE_UPLOAD_PATH, (request, _response, next) => {
    adminAuth.assertSignatureHeaders(request);
    next();
  }, ...rawJsonBody(KNOWLEDGE_UPLOAD_BODY_LIMIT));
  app.post(['/v1/agents/:agentId/conversations', '/v1/conversations/:conversationId/messages', '/preview/:agentId/session'], ...rawJsonBody(VISITOR_BODY_LIMIT));
  app.use(...rawJsonBody(JSON_BODY_LIMIT));

  const router = express.Router();
  for (const register of ROUTE_MODULES) register(router, { container, adminAuth });
  app.use(router);

  app.use(notFoundHandler());
  app.use(errorHandler(container.logger));
  return app;
}
