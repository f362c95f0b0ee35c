import crypto from 'node:crypto';

const ID_BYTES = 10;
// Random bytes are drawn 4 KB at a time (as Node's randomUUID does): a turn makes several ids, and
// one call into the system's generator per id showed in the relay benchmark's profile.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

function randomSlice(length: number): Buffer {
  if (offset + length > POOL_BYTES) {
    crypto.randomFillSync(pool);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + length);
  offset += length;
  return slice;
}

/** Prefixed random ids (`agt_…`, `lead_…`) that say what they name in logs and URLs. */
export function newId(prefix: string): string {
  return `${prefix}_${randomSlice(ID_BYTES).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
