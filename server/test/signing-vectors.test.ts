import fs from 'node:fs';
import path from 'node:path';
import { canonicalString, computeSignature, normalizeCapabilities, sha256Hex, signRequest } from '../src/security/request-signing';
import { mintToken, verifyAdminToken, verifyVisitorToken, type AdminToken, type VisitorToken } from '../src/security/tokens';

/**
 * The same vectors are checked by plugin/tests/SigningTest.php: if both pass, the PHP plugin and
 * the Node service agree on every byte of docs/protocol.md sections 1 and 2.
 */
interface RequestVector {
  name: string;
  method: string;
  pathWithQuery: string;
  timestamp: number;
  nonce: string;
  userId: number;
  capabilities: string[];
  body: string;
  expected: { bodySha256: string; capabilitiesHeader: string; canonical: string; signature: string };
}
interface TamperedVector extends Omit<RequestVector, 'expected'> {
  signature: string;
}
interface Vectors {
  secret: string;
  requests: RequestVector[];
  tamperedRequests: TamperedVector[];
  visitorTokens: Array<{ payload: VisitorToken; expectedToken: string }>;
  adminTokens: Array<{ payload: AdminToken; expectedToken: string }>;
}

const vectors: Vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '../../tests/vectors/signing-vectors.json'), 'utf8'));

describe('the shared signing vectors (docs/protocol.md)', () => {
  describe.each(vectors.requests.map((vector) => [vector.name, vector] as const))('signed request: %s', (_name, vector) => {
    const parts = { ...vector, body: Buffer.from(vector.body, 'utf8') };

    it('hashes the raw body bytes and sorts the capabilities as the vector says', () => {
      expect(sha256Hex(parts.body)).toBe(vector.expected.bodySha256);
      expect(normalizeCapabilities(vector.capabilities)).toBe(vector.expected.capabilitiesHeader);
    });

    it('builds the canonical string byte for byte', () => {
      expect(canonicalString(parts)).toBe(vector.expected.canonical);
    });

    it('computes the expected signature and puts it in the headers with the other values', () => {
      expect(computeSignature(vectors.secret, parts)).toBe(vector.expected.signature);
      const headers = signRequest(
        vectors.secret,
        { method: vector.method, pathWithQuery: vector.pathWithQuery, body: vector.body, userId: vector.userId, capabilities: vector.capabilities },
        { now: vector.timestamp, nonce: vector.nonce },
      );
      expect(headers).toEqual({
        'X-AA-Timestamp': String(vector.timestamp),
        'X-AA-Nonce': vector.nonce,
        'X-AA-User': String(vector.userId),
        'X-AA-Capabilities': vector.expected.capabilitiesHeader,
        'X-AA-Signature': vector.expected.signature,
      });
    });
  });

  it.each(vectors.tamperedRequests.map((vector) => [vector.name, vector] as const))(
    'a request whose %s no longer matches its signature',
    (_name, vector) => {
      expect(computeSignature(vectors.secret, { ...vector, body: Buffer.from(vector.body, 'utf8') })).not.toBe(vector.signature);
    },
  );

  it.each(vectors.visitorTokens.map((vector) => [vector.payload.agent, vector] as const))(
    'mints the visitor token for agent %s exactly as the plugin does, and verifies it',
    (_agent, vector) => {
      expect(mintToken(vectors.secret, vector.payload)).toBe(vector.expectedToken);
      expect(verifyVisitorToken(vectors.secret, vector.expectedToken, vector.payload.iat + 10)).toEqual(vector.payload);
    },
  );

  it.each(vectors.adminTokens.map((vector) => [vector.payload.user, vector] as const))(
    'mints the admin token for user %s exactly as the plugin does, and verifies it',
    (_user, vector) => {
      expect(mintToken(vectors.secret, vector.payload)).toBe(vector.expectedToken);
      expect(verifyAdminToken(vectors.secret, vector.expectedToken, vector.payload.iat + 10)).toEqual(vector.payload);
    },
  );

  it('rejects a visitor token signed with another secret', () => {
    const [vector] = vectors.visitorTokens;
    expect(() => verifyVisitorToken('another-secret-another-secret-another', vector.expectedToken, vector.payload.iat)).toThrow(/signature/);
  });

  it('does not accept an admin token where a visitor token is expected', () => {
    const [vector] = vectors.adminTokens;
    expect(() => verifyVisitorToken(vectors.secret, vector.expectedToken, vector.payload.iat)).toThrow();
  });
});
