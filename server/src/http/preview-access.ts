import type { Request } from 'express';
import type { ServiceConfig } from '../config/config';
import { ForbiddenError } from '../core/errors';

/**
 * Who may use the preview page and its token route. The route mints visitor tokens with the
 * service's own secret and no WordPress in between, so anyone who can call it can chat with any
 * enabled agent (and spend its AI budget) without the site's rate-limited session route.
 * That is what a local trial needs and nothing a public deployment should offer, hence:
 * - AA_PREVIEW unset or off (the default): the preview routes are not registered (preview-routes.ts),
 *   so they answer 404 like any unknown path and mint nothing;
 * - AA_PREVIEW=on, AA_PUBLIC_URL unset: the local trial, the preview is open;
 * - AA_PREVIEW=on, AA_PUBLIC_URL set: only loopback callers (an admin on the machine or through an SSH tunnel).
 * `request.ip` honours X-Forwarded-For only from the proxies in AA_TRUSTED_PROXIES (app.ts), so set
 * it behind a reverse proxy: otherwise every visitor arrives from the proxy's loopback address.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(ip: string | undefined): boolean {
  return typeof ip === 'string' && LOOPBACK.test(ip);
}

export function isPreviewAllowed(request: Request, config: Pick<ServiceConfig, 'publicUrl' | 'preview'>): boolean {
  return config.preview && (!config.publicUrl || isLoopback(request.ip));
}

export function assertPreviewAllowed(request: Request, config: Pick<ServiceConfig, 'publicUrl' | 'preview'>): void {
  if (!isPreviewAllowed(request, config)) {
    throw new ForbiddenError(
      'The preview is only served to loopback requests when AA_PUBLIC_URL is set; open it on the service machine (or through an SSH tunnel), or try the chat block in WordPress.',
      'preview_forbidden',
    );
  }
}
