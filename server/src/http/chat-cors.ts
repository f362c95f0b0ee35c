import type { Request, Response } from 'express';
import { ForbiddenError } from '../core/errors';
import { ownOrigin } from './own-origin';

/**
 * CORS for the chat API: only the agent's allowed origins plus the service-wide AA_ALLOWED_ORIGINS.
 * A request without an Origin header, or from the service's own origin (the preview page), is not
 * a cross-origin call and passes; its token still has to be valid.
 */
export const CHAT_CORS_HEADERS = 'Authorization, Content-Type, Accept, Last-Event-ID';

export function allowedOriginsFor(agentOrigins: string[], serviceOrigins: string[]): Set<string> {
  return new Set([...agentOrigins, ...serviceOrigins].map((origin) => origin.toLowerCase()));
}

function originOf(request: Request): string | undefined {
  const value = request.headers.origin;
  return typeof value === 'string' && value !== '' && value !== 'null' ? value : undefined;
}

/** Sets the CORS headers for an allowed origin, or refuses the request. */
export function applyChatCors(request: Request, response: Response, allowed: Set<string>): void {
  response.vary('Origin');
  const origin = originOf(request);
  // Browsers send Origin on same-origin POSTs too; CORS does not concern those.
  if (origin === undefined || origin.toLowerCase() === ownOrigin(request).toLowerCase()) return;
  if (!allowed.has(origin.toLowerCase())) {
    throw new ForbiddenError(`The origin ${origin} is not allowed to use this chat agent; add it to the agent's allowed origins.`, 'origin_not_allowed');
  }
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
}

/** Answers a preflight for an allowed origin with 204. */
export function answerPreflight(request: Request, response: Response, allowed: Set<string>): void {
  applyChatCors(request, response, allowed);
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  response.setHeader('Access-Control-Allow-Headers', CHAT_CORS_HEADERS);
  response.setHeader('Access-Control-Max-Age', '600');
  response.status(204).end();
}
