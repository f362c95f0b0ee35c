import crypto from 'node:crypto';

/** Prefixed random ids (`agt_…`, `lead_…`) that say what they name in logs and URLs. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(10).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
