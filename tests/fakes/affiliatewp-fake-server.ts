import http from 'node:http';
import { closeServer, listen, readBody, sendJson } from './http-helpers';
import { createAffiliateStore, EMAIL, sanitizeUserLogin, type AffiliateStore, type FakeAffiliate } from './affiliatewp-store';

/**
 * A contract-faithful stand-in for AffiliateWP's REST API (`affwp/v1`), built from
 * docs/affiliatewp-rest.md: HTTP Basic with public key and token, bare JSON
 * arrays, an empty list as 404 `no_affiliates`, `number` through absint (0 = all), username routes
 * only for \w+ logins, write routes only with REST API Extended (else 404 `rest_no_route`),
 * updates answering 201, invalid payment emails silently ignored, status not validated. Users and
 * affiliates live in the shared model (affiliatewp-store.ts); pass `store` to reach the same site
 * through the bridge fake too.
 */
export type { FakeAffiliate, FakeUser } from './affiliatewp-store';

export interface FakeAffiliateWpOptions {
  publicKey?: string;
  token?: string;
  /** The paid add-on that adds write routes; off means core AffiliateWP (GET only). */
  restApiExtended?: boolean;
  /** A FastCGI host that drops the Authorization header before PHP sees it. */
  stripsAuthorization?: boolean;
  /** The key's owner lacks manage_affiliates. */
  ownerCanManage?: boolean;
  /** AffiliateWP's "require approval" setting: new affiliates without a status become pending. */
  requireApproval?: boolean;
  /** The site's users and affiliates; a fresh one when absent. */
  store?: AffiliateStore;
}

export interface RecordedRestRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  status: number;
}

export async function startFakeAffiliateWp(initial: FakeAffiliateWpOptions = {}) {
  const { store: given, ...rest } = initial;
  const options = { publicKey: 'pk_test', token: 'tok_test', restApiExtended: true, stripsAuthorization: false, ownerCanManage: true, requireApproval: true, ...rest };
  const store = given ?? createAffiliateStore({ requireApproval: () => options.requireApproval });
  const { users, affiliates, userOf, view } = store;
  const requests: RecordedRestRequest[] = [];
  const failures: number[] = [];

  const wpError = (code: string, message: string, status: number) => ({ code, message, data: { status } });

  function authorize(request: http.IncomingMessage): { status: number; body: unknown } | null {
    const header = options.stripsAuthorization ? undefined : request.headers.authorization;
    const expected = `Basic ${Buffer.from(`${options.publicKey}:${options.token}`).toString('base64')}`;
    if (header !== expected) return { status: 401, body: wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', 401) };
    if (!options.ownerCanManage) return { status: 403, body: wpError('rest_forbidden', 'Sorry, you are not allowed to do that.', 403) };
    return null;
  }

  function list(query: URLSearchParams) {
    let found = [...affiliates];
    const search = query.get('search');
    if (search) {
      if (/^\d+$/.test(search)) found = found.filter((affiliate) => affiliate.affiliate_id === Number(search));
      else if (EMAIL.test(search)) {
        const email = search.toLowerCase();
        found = found.filter((affiliate) => userOf(affiliate)?.user_email === email || affiliate.payment_email.toLowerCase() === email);
      } else {
        const text = search.toLowerCase();
        found = found.filter((affiliate) => {
          const user = userOf(affiliate);
          return Boolean(user && (user.display_name.toLowerCase().includes(text) || user.user_login.toLowerCase().includes(text)));
        });
      }
    }
    if (query.get('status')) found = found.filter((affiliate) => affiliate.status === query.get('status'));
    // absint(): "-1" becomes 1; 0 means all.
    const number = query.has('number') ? Math.abs(parseInt(query.get('number') ?? '0', 10) || 0) : 20;
    const offset = Math.abs(parseInt(query.get('offset') ?? '0', 10) || 0);
    found = found.slice(offset, number === 0 ? undefined : offset + number);
    return found;
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = (request.method ?? 'GET').toUpperCase();
    const raw = await readBody(request);
    let body: Record<string, unknown> | null = null;
    if (raw) {
      body = (request.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    }
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, status });
      sendJson(response, status, payload, headers);
    };
    const prefix = '/wp-json/affwp/v1';
    if (!url.pathname.startsWith(prefix)) return answer(404, wpError('rest_no_route', 'No route was found matching the URL and request method.', 404));
    const route = url.pathname.slice(prefix.length).replace(/\/+$/, '');
    const injected = failures.shift();
    if (injected) return answer(injected, wpError('internal_server_error', 'Injected failure.', injected));
    const denied = authorize(request);
    if (denied) return answer(denied.status, denied.body);
    const withUser = url.searchParams.get('user') === '1';

    if (route === '/affiliates' && method === 'GET') {
      const found = list(url.searchParams);
      if (found.length === 0) return answer(404, wpError('no_affiliates', 'No affiliates were found.', 404));
      return answer(200, found.map((affiliate) => view(affiliate, withUser)));
    }
    if (route === '/affiliates' && method === 'POST') {
      if (!options.restApiExtended) return answer(404, wpError('rest_no_route', 'No route was found matching the URL and request method.', 404));
      const input = body ?? {};
      if (input.affiliate_id !== undefined) return answer(400, wpError('affwp_rest_affiliate_exists', 'Cannot create existing affiliate.', 400));
      let userId = input.user_id !== undefined ? Number(input.user_id) : 0;
      if (!userId) {
        if (typeof input.create_user !== 'string') return answer(400, wpError('affwp_rest_affiliate_missing_user', 'A user_id or create_user is required.', 400));
        const email = typeof input.payment_email === 'string' ? input.payment_email.toLowerCase() : '';
        if (!email) return answer(400, wpError('affwp_rest_affiliate_create_user_error', 'A payment_email is required to create a user.', 400));
        const login = sanitizeUserLogin(typeof input.username === 'string' && input.username ? input.username : email);
        const conflict = store.userConflict(login, email);
        if (conflict === 'existing_user_login') return answer(400, wpError(conflict, 'Sorry, that username already exists!', 400));
        if (conflict === 'existing_user_email') return answer(400, wpError(conflict, 'Sorry, that email address is already used!', 400));
        userId = store.addUser(login, email).ID;
      } else if (!users.some((user) => user.ID === userId)) {
        return answer(500, wpError('affwp_rest_add_affiliate_error', 'The affiliate could not be added.', 500));
      } else if (store.affiliateOfUser(userId)) {
        // AffiliateWP answers a generic 500 when the user already is an affiliate.
        return answer(500, wpError('affwp_rest_add_affiliate_error', 'The affiliate could not be added.', 500));
      }
      const paymentEmail = typeof input.payment_email === 'string' && EMAIL.test(input.payment_email) ? input.payment_email : '';
      const affiliate = store.addAffiliate(userId, {
        payment_email: paymentEmail,
        ...(typeof input.status === 'string' ? { status: input.status } : {}),
        ...(typeof input.notes === 'string' ? { notes: input.notes } : {}),
        ...(typeof input.website_url === 'string' ? { website_url: input.website_url } : {}),
      });
      return answer(201, view(affiliate, false), { location: `${prefix}/affiliates/${affiliate.affiliate_id}` });
    }
    const single = /^\/affiliates\/([^/]+)$/.exec(route);
    if (single) {
      const key = decodeURIComponent(single[1]);
      // The single-item route only matches digits or \w+ usernames.
      if (!/^\w+$/.test(key)) return answer(404, wpError('rest_no_route', 'No route was found matching the URL and request method.', 404));
      const byLogin = store.userByLogin(key);
      const affiliate: FakeAffiliate | undefined = /^\d+$/.test(key) ? store.byId(Number(key)) : byLogin && store.affiliateOfUser(byLogin.ID);
      if (method === 'GET') {
        if (!affiliate) return answer(404, wpError('invalid_affiliate', 'Invalid affiliate ID', 404));
        return answer(200, view(affiliate, withUser));
      }
      if (['POST', 'PUT', 'PATCH'].includes(method)) {
        if (!options.restApiExtended) return answer(404, wpError('rest_no_route', 'No route was found matching the URL and request method.', 404));
        if (!affiliate) return answer(404, wpError('affwp_rest_get_affiliate_error', 'Invalid affiliate.', 404));
        const input = body ?? {};
        // AffiliateWP does not validate the status, and keeps the old payment email for an invalid one.
        if (typeof input.status === 'string') store.setStatus(affiliate, input.status);
        if (typeof input.payment_email === 'string' && EMAIL.test(input.payment_email)) affiliate.payment_email = input.payment_email;
        return answer(201, { ...view(affiliate, false), updated: true }, { location: `${prefix}/affiliates/${affiliate.affiliate_id}` });
      }
    }
    return answer(404, wpError('rest_no_route', 'No route was found matching the URL and request method.', 404));
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => sendJson(response, 500, wpError('fake_error', String(error), 500)));
  });
  const url = await listen(server);
  return {
    url,
    options,
    store,
    users,
    affiliates,
    requests,
    addUser: store.addUser,
    addAffiliate: store.addAffiliate,
    /** The next `count` requests answer `status` (a host having a bad minute). */
    failNext(count: number, status = 503) {
      for (let index = 0; index < count; index += 1) failures.push(status);
    },
    close: () => closeServer(server),
  };
}
export type FakeAffiliateWp = Awaited<ReturnType<typeof startFakeAffiliateWp>>;
