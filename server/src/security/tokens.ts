import crypto from 'node:crypto';
import { z } from 'zod';
import { AuthenticationError } from '../core/errors';
import { timingSafeEqualStrings } from './request-signing';

/**
 * Short-lived tokens minted by WordPress (docs/protocol.md, section 2): visitor tokens for the
 * chat widget and admin tokens for the playground stream.
 */
const LEEWAY_SECONDS = 60;

export const visitorTokenSchema = z.object({
  v: z.literal(1),
  kind: z.literal('visitor'),
  agent: z.string().min(1).max(64),
  visitor: z.string().min(1).max(64),
  origin: z.string().max(200),
  iat: z.number().int(),
  exp: z.number().int(),
  /**
   * A logged-in WordPress user (docs/protocol.md, section 2): their id and account email, signed
   * into the token by the plugin, so that email counts as verified in the chat without a code.
   */
  wp_user: z.number().int().positive().optional(),
  wp_email: z.string().email().max(254).optional(),
});
export type VisitorToken = z.infer<typeof visitorTokenSchema>;

export const adminTokenSchema = z.object({
  v: z.literal(1),
  kind: z.literal('admin'),
  user: z.number().int().min(0),
  caps: z.string().max(500),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AdminToken = z.infer<typeof adminTokenSchema>;

const PREFIX = { visitor: 'aa-visitor.', admin: 'aa-admin.' } as const;
const MAX_LIFETIME = { visitor: 86_400, admin: 900 } as const;

function mac(secret: string, prefix: string, payloadPart: string): string {
  return crypto.createHmac('sha256', secret).update(prefix + payloadPart).digest('base64url');
}

export function mintToken(secret: string, payload: VisitorToken | AdminToken): string {
  const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${payloadPart}.${mac(secret, PREFIX[payload.kind], payloadPart)}`;
}

function verify<T extends { iat: number; exp: number }>(
  secret: string,
  token: string,
  kind: 'visitor' | 'admin',
  schema: z.ZodType<T>,
  nowSeconds: number,
): T {
  const [payloadPart, signaturePart, extra] = token.split('.');
  if (!payloadPart || !signaturePart || extra !== undefined) {
    throw new AuthenticationError(`The ${kind} token is malformed: expected two base64url parts joined by a dot.`, 'token_malformed');
  }
  if (!timingSafeEqualStrings(mac(secret, PREFIX[kind], payloadPart), signaturePart)) {
    throw new AuthenticationError(`The ${kind} token's signature does not match; check the shared secret in the plugin settings.`, 'token_invalid');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    throw new AuthenticationError(`The ${kind} token's payload is not JSON.`, 'token_malformed');
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw new AuthenticationError(`The ${kind} token's payload is not a ${kind} token.`, 'token_malformed');
  const payload = parsed.data;
  if (payload.exp - payload.iat > MAX_LIFETIME[kind]) {
    throw new AuthenticationError(`The ${kind} token lives longer than the ${MAX_LIFETIME[kind]} s allowed.`, 'token_invalid');
  }
  if (payload.exp + LEEWAY_SECONDS < nowSeconds) throw new AuthenticationError(`The ${kind} token has expired; request a new one.`, 'token_expired');
  if (payload.iat - LEEWAY_SECONDS > nowSeconds) throw new AuthenticationError(`The ${kind} token is issued in the future; check the server clocks.`, 'token_invalid');
  return payload;
}

export function verifyVisitorToken(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): VisitorToken {
  return verify(secret, token, 'visitor', visitorTokenSchema, nowSeconds);
}

/** The signed-in WordPress user a visitor token names, or null for an anonymous visitor. */
export function wordpressUserOf(token: VisitorToken): { id: number; email: string } | null {
  return token.wp_user && token.wp_email ? { id: token.wp_user, email: token.wp_email } : null;
}

export function verifyAdminToken(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): AdminToken {
  return verify(secret, token, 'admin', adminTokenSchema, nowSeconds);
}
