import crypto from 'node:crypto';

/**
 * Signed requests between WordPress and the service (docs/protocol.md, section 1).
 * The canonical string and header names here are the contract the PHP side follows byte for byte.
 */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-aa-timestamp',
  nonce: 'x-aa-nonce',
  user: 'x-aa-user',
  capabilities: 'x-aa-capabilities',
  signature: 'x-aa-signature',
} as const;

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface SignedRequestParts {
  method: string;
  pathWithQuery: string;
  timestamp: number;
  nonce: string;
  userId: number;
  capabilities: string[];
  body: Buffer | string;
}

export function sha256Hex(body: Buffer | string): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

export function normalizeCapabilities(capabilities: string[]): string {
  return [...new Set(capabilities.map((capability) => capability.trim()).filter(Boolean))].sort().join(',');
}

export function canonicalString(parts: SignedRequestParts): string {
  return [
    'v1',
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    String(parts.timestamp),
    parts.nonce,
    String(parts.userId),
    normalizeCapabilities(parts.capabilities),
    sha256Hex(parts.body),
  ].join('\n');
}

export function computeSignature(secret: string, parts: SignedRequestParts): string {
  return 'v1=' + crypto.createHmac('sha256', secret).update(canonicalString(parts)).digest('hex');
}

/** Builds the headers for a signed request: used by the test helper, the bridge client and the docs. */
export function signRequest(
  secret: string,
  request: { method: string; pathWithQuery: string; body?: Buffer | string; userId?: number; capabilities?: string[] },
  options: { now?: number; nonce?: string } = {},
): Record<string, string> {
  const parts: SignedRequestParts = {
    method: request.method,
    pathWithQuery: request.pathWithQuery,
    timestamp: options.now ?? Math.floor(Date.now() / 1000),
    nonce: options.nonce ?? crypto.randomBytes(16).toString('hex'),
    userId: request.userId ?? 0,
    capabilities: request.capabilities ?? [],
    body: request.body ?? '',
  };
  return {
    'X-AA-Timestamp': String(parts.timestamp),
    'X-AA-Nonce': parts.nonce,
    'X-AA-User': String(parts.userId),
    'X-AA-Capabilities': normalizeCapabilities(parts.capabilities),
    'X-AA-Signature': computeSignature(secret, parts),
  };
}

export function timingSafeEqualStrings(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
