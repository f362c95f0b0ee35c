import type { Request, RequestHandler } from 'express';
import { AuthenticationError, ForbiddenError } from '../core/errors';
import type { ReplayGuard } from '../security/replay-guard';
import {
  SIGNATURE_HEADERS,
  SIGNATURE_TOLERANCE_SECONDS,
  computeSignature,
  timingSafeEqualStrings,
} from '../security/request-signing';
import { verifyAdminToken } from '../security/tokens';

export const CAPABILITIES = {
  manageAgents: 'aa_manage_agents',
  reviewLeads: 'aa_review_leads',
} as const;
export type Capability = (typeof CAPABILITIES)[keyof typeof CAPABILITIES];

export interface AdminActor {
  userId: number;
  capabilities: string[];
}

export interface AdminAuthOptions {
  secret: string;
  replayGuard: ReplayGuard;
  now?: () => number;
}

/** Raw body bytes kept by the JSON parser's verify hook, so the signature covers exactly what arrived. */
export function rawBodyOf(request: Request): Buffer {
  return (request as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

export function actorOf(request: Request): AdminActor {
  const actor = (request as Request & { actor?: AdminActor }).actor;
  if (!actor) throw new AuthenticationError('This route needs a signed admin request.', 'signature_missing');
  return actor;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createAdminAuth(options: AdminAuthOptions) {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const { replayGuard } = options;

  /**
   * The checks that need no body: the headers are there, well-formed and fresh. app.ts runs them before
   * reading a large body, so an unsigned upload is refused without a byte of it being read.
   */
  function signatureHeaders(request: Request) {
    const timestampText = header(request, SIGNATURE_HEADERS.timestamp);
    const nonce = header(request, SIGNATURE_HEADERS.nonce);
    const userText = header(request, SIGNATURE_HEADERS.user);
    const capabilitiesText = header(request, SIGNATURE_HEADERS.capabilities) ?? '';
    const signature = header(request, SIGNATURE_HEADERS.signature);
    if (!timestampText || !nonce || !userText || !signature) {
      throw new AuthenticationError(
        'This admin route needs a signed request: X-AA-Timestamp, X-AA-Nonce, X-AA-User, X-AA-Capabilities and X-AA-Signature headers (docs/protocol.md).',
        'signature_missing',
      );
    }
    if (!/^\d{1,12}$/.test(timestampText) || !/^[0-9a-f]{32}$/.test(nonce) || !/^\d{1,12}$/.test(userText)) {
      throw new AuthenticationError('Signature headers are malformed: timestamp and user must be decimal, nonce 32 hex characters.', 'signature_invalid');
    }
    const timestamp = Number(timestampText);
    const skew = timestamp - now();
    if (Math.abs(skew) > SIGNATURE_TOLERANCE_SECONDS) {
      throw new AuthenticationError(
        `The request's timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the service's clock; at most ${SIGNATURE_TOLERANCE_SECONDS} s is accepted. Check both servers' clocks.`,
        'signature_expired',
      );
    }
    return { timestamp, nonce, userText, capabilitiesText, signature };
  }

  function verifySignedRequest(request: Request): AdminActor {
    const { timestamp, nonce, userText, capabilitiesText, signature } = signatureHeaders(request);
    const capabilities = capabilitiesText.split(',').filter(Boolean);
    const expected = computeSignature(options.secret, {
      method: request.method,
      pathWithQuery: request.originalUrl,
      timestamp,
      nonce,
      userId: Number(userText),
      capabilities,
      body: rawBodyOf(request),
    });
    if (!timingSafeEqualStrings(expected, signature)) {
      throw new AuthenticationError('The request signature does not match; check that the plugin and the service share the same secret.', 'signature_invalid');
    }
    // Only a valid signature may consume a nonce, or anyone could burn nonces ahead of the plugin.
    if (!replayGuard.claim(nonce, now())) {
      throw new AuthenticationError('This signed request was already used once; every request needs a new nonce.', 'signature_replayed');
    }
    return { userId: Number(userText), capabilities };
  }

  function authenticate(request: Request, allowAdminToken: boolean): AdminActor {
    const authorization = header(request, 'authorization');
    if (allowAdminToken && authorization?.startsWith('Bearer ') && !header(request, SIGNATURE_HEADERS.signature)) {
      const token = verifyAdminToken(options.secret, authorization.slice('Bearer '.length).trim(), now());
      return { userId: token.user, capabilities: token.caps.split(',').filter(Boolean) };
    }
    return verifySignedRequest(request);
  }

  /** Middleware: a signed admin request whose actor holds `capability`. */
  function require(capability: Capability, settings: { allowAdminToken?: boolean } = {}): RequestHandler {
    return (request, _response, next) => {
      const actor = authenticate(request, settings.allowAdminToken ?? false);
      if (!actor.capabilities.includes(capability)) {
        throw new ForbiddenError(`This action needs the '${capability}' capability, which WordPress user ${actor.userId} does not have.`);
      }
      (request as Request & { actor?: AdminActor }).actor = actor;
      next();
    };
  }

  /** Middleware: a signed admin request holding any one of `capabilities`. */
  function requireAny(capabilities: Capability[]): RequestHandler {
    return (request, _response, next) => {
      const actor = authenticate(request, false);
      if (!capabilities.some((capability) => actor.capabilities.includes(capability))) {
        throw new ForbiddenError(`This action needs one of the capabilities ${capabilities.join(', ')}.`);
      }
      (request as Request & { actor?: AdminActor }).actor = actor;
      next();
    };
  }

  function assertSignatureHeaders(request: Request): void {
    signatureHeaders(request);
  }

  return { require, requireAny, verifySignedRequest, assertSignatureHeaders };
}
export type AdminAuth = ReturnType<typeof createAdminAuth>;
