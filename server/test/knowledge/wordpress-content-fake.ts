import http from 'node:http';
import { computeSignature, timingSafeEqualStrings } from '../../src/security/request-signing';
import { closeServer, listen, readBody, sendJson } from '../../../tests/fakes/http-helpers';

/**
 * The plugin's `content/list` bridge operation (docs/protocol.md, section 3) over real HTTP: it
 * checks the signature exactly as the plugin does and pages through whatever items the test sets.
 */
export interface ContentFake {
  siteUrl: string;
  items: Array<Record<string, unknown>>;
  calls: Array<{ body: Record<string, unknown>; userId: string; capabilities: string }>;
  close(): Promise<void>;
}

export async function startContentFake(secret: string, options: { pageSize?: number } = {}): Promise<ContentFake> {
  const pageSize = options.pageSize ?? 2;
  const fake: Omit<ContentFake, 'siteUrl' | 'close'> = { items: [], calls: [] };
  const server = http.createServer(async (request, response) => {
    const raw = await readBody(request);
    const header = (name: string) => String(request.headers[name] ?? '');
    const expected = computeSignature(secret, {
      method: request.method ?? 'GET',
      pathWithQuery: request.url ?? '',
      timestamp: Number(header('x-aa-timestamp')),
      nonce: header('x-aa-nonce'),
      userId: Number(header('x-aa-user')),
      capabilities: header('x-aa-capabilities').split(',').filter(Boolean),
      body: raw,
    });
    if (!timingSafeEqualStrings(expected, header('x-aa-signature'))) {
      sendJson(response, 401, { code: 'signature_invalid', message: 'Bad signature.', data: { status: 401 } });
      return;
    }
    if (request.url !== '/wp-json/affiliate-agent/v1/bridge/content/list' || header('x-aa-capabilities') !== 'bridge') {
      sendJson(response, 404, { code: 'rest_no_route', message: 'No route.', data: { status: 404 } });
      return;
    }
    const body = JSON.parse(raw) as { types?: string[]; page?: number; since?: string };
    fake.calls.push({ body, userId: header('x-aa-user'), capabilities: header('x-aa-capabilities') });
    const matching = fake.items.filter(
      (item) => (!body.types || body.types.includes(String(item.type))) && (!body.since || String(item.modified_gmt) >= body.since.slice(0, 19)),
    );
    const page = body.page ?? 1;
    sendJson(response, 200, { items: matching.slice((page - 1) * pageSize, page * pageSize), has_more: page * pageSize < matching.length });
  });
  const siteUrl = await listen(server);
  return Object.assign(fake, { siteUrl, close: () => closeServer(server) });
}
