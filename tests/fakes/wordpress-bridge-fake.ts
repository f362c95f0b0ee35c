import http from 'node:http';
import { computeSignature, SIGNATURE_TOLERANCE_SECONDS, timingSafeEqualStrings } from '../../server/src/security/request-signing';
import { closeServer, listen, readBody, sendJson } from './http-helpers';
import { AFFILIATE_STATUSES, createAffiliateStore, isAffiliateStatus, type AffiliateStore, type AffiliateView } from './affiliatewp-store';

/**
 * The WordPress side of the bridge (docs/protocol.md, section 3) as the plugin implements it:
 * signature, clock, nonce and `bridge` capability checks, AffiliateWP operations on the shared
 * site model (affiliatewp-store.ts: existing users linked, never duplicated; pass `store` to reach
 * the same site through the REST fake too) and `mail/send` recorded instead of sent. Like the
 * plugin, `mail/send` remembers each `idempotency_key` it sent and answers `already_sent` to a repeat.
 */
/** What the bridge answers for an affiliate: the same object as AffiliateWP's REST API. */
export type BridgeAffiliate = AffiliateView;

export interface SentMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: string[];
  idempotencyKey: string | null;
}

export interface BridgeCall {
  operation: string;
  body: Record<string, unknown>;
  status: number;
  userId: string;
  capabilities: string;
}

export async function startWordPressBridgeFake(options: {
  secret: string;
  affiliateWpInstalled?: boolean;
  referralBase?: string;
  now?: () => number;
  /** Delay between sending a mail and answering, so a crash test can kill the caller in between. */
  mailAnswerDelayMs?: () => number;
  /** The site's users and affiliates; a fresh one when absent. */
  store?: AffiliateStore;
}) {
  /**
   * AffiliateWP's settings as `affiliatewp/program-terms` answers them (the plugin's
   * Program_Terms_Reader: AffiliateWP's defaults 20 % and 1 day until changed).
   */
  let programTerms: unknown = { commission: { rate: 20, type: 'percentage' }, cookieDays: 1, currency: null, payoutMethods: [] };
  const store = options.store ?? createAffiliateStore({ firstUserId: 500 });
  const { users, affiliates } = store;
  const mails: SentMail[] = [];
  const sentKeys = new Map<string, number>();
  const calls: BridgeCall[] = [];
  const seenNonces = new Set<string>();
  const failures: number[] = [];
  let mailWorks = true;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  const error = (code: string, message: string, status: number) => ({ code, message, data: { status } });

  const operations: Record<string, (input: Record<string, any>) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>> = {
    'affiliatewp/status': () => ({ status: 200, body: { installed: true, version: '2.27.0' } }),
    'affiliatewp/program-terms': () => ({ status: 200, body: programTerms }),
    'affiliatewp/find-by-email': (input) => {
      const found = store.findByEmail(String(input.email ?? ''));
      return { status: 200, body: { affiliate: found ? store.view(found) : null } };
    },
    'affiliatewp/get-affiliate': (input) => {
      const affiliate = store.byId(Number(input.affiliate_id));
      if (!affiliate) return { status: 404, body: error('invalid_affiliate', 'No affiliate has that id.', 404) };
      return { status: 200, body: { affiliate: store.view(affiliate, true) } };
    },
    'affiliatewp/create-pending': (input) => {
      const email = String(input.email ?? '').toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { status: 400, body: error('invalid_email', 'Field email must be an email address.', 400) };
      const existing = store.findByEmail(email);
      if (existing) return { status: 200, body: { affiliate: store.view(existing), created: false } };
      const name = typeof input.name === 'string' ? input.name.trim() : '';
      // The plugin's Account_Policy: an existing account links only for a verified applicant and a
      // role no higher than subscriber/customer; otherwise a manager links it by hand.
      const account = store.userByEmail(email);
      if (account && !(input.email_verified === true && (account.roles ?? ['subscriber']).every((role) => role === 'subscriber' || role === 'customer'))) {
        return { status: 409, body: error('needs_manager_link', 'A WordPress account with this email exists; only a manager may link it to an affiliate.', 409) };
      }
      const login = store.freeLogin(typeof input.username === 'string' && input.username ? input.username : email.split('@')[0]);
      const user = store.userByEmail(email) ?? store.addUser(login, email, name || login);
      // Like the plugin, a linked account gets the applicant's name only where it showed just its login.
      if (name && user.display_name === user.user_login) user.display_name = name;
      const affiliate = store.addAffiliate(user.ID, {
        status: 'pending',
        payment_email: email,
        website_url: typeof input.website_url === 'string' ? input.website_url : '',
        notes: typeof input.notes === 'string' ? input.notes : '',
      });
      return { status: 200, body: { affiliate: store.view(affiliate), created: true } };
    },
    'affiliatewp/set-status': (input) => {
      const affiliate = store.byId(Number(input.affiliate_id));
      if (!affiliate) return { status: 404, body: error('invalid_affiliate', 'No affiliate has that id.', 404) };
      // Unlike AffiliateWP's REST update, the plugin checks the status before it stores it.
      if (!isAffiliateStatus(input.status)) return { status: 400, body: error('invalid_status', `Unknown affiliate status; expected one of ${AFFILIATE_STATUSES.join(', ')}.`, 400) };
      store.setStatus(affiliate, input.status);
      return { status: 200, body: { affiliate: store.view(affiliate) } };
    },
    'affiliatewp/referral-url': (input) => {
      const affiliate = store.byId(Number(input.affiliate_id));
      if (!affiliate) return { status: 404, body: error('invalid_affiliate', 'No affiliate has that id.', 404) };
      return { status: 200, body: { url: `${options.referralBase ?? 'https://shop.example/'}?ref=${affiliate.affiliate_id}` } };
    },
    'affiliatewp/update-payment-email': (input) => {
      const affiliate = store.byId(Number(input.affiliate_id));
      if (!affiliate) return { status: 404, body: error('invalid_affiliate', 'No affiliate has that id.', 404) };
      const user = store.userOf(affiliate);
      if (!user || user.user_email !== String(input.expected_email ?? '').toLowerCase()) {
        return { status: 409, body: error('email_mismatch', "The affiliate's account email is not the expected one.", 409) };
      }
      affiliate.payment_email = String(input.payment_email);
      return { status: 200, body: { affiliate: store.view(affiliate) } };
    },
    'mail/send': async (input) => {
      const to = String(input.to ?? '');
      if (!/^[^\s@,]+@[^\s@,]+$/.test(to)) return { status: 400, body: error('invalid_email', 'Field to must be an email address.', 400) };
      const key = typeof input.idempotency_key === 'string' && input.idempotency_key ? input.idempotency_key : null;
      if (key !== null && key.length > 200) return { status: 400, body: error('invalid_idempotency_key', 'Field idempotency_key must be at most 200 characters.', 400) };
      if (key !== null && sentKeys.has(key)) return { status: 200, body: { sent: true, already_sent: true } };
      if (mailWorks) {
        mails.push({ to, subject: String(input.subject), html: String(input.html), text: String(input.text), headers: Array.isArray(input.headers) ? input.headers : [], idempotencyKey: key });
        if (key !== null) sentKeys.set(key, now());
      }
      const delay = options.mailAnswerDelayMs?.() ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return { status: 200, body: { sent: mailWorks } };
    },
  };

  const server = http.createServer(async (request, response) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://fake');
    const prefix = '/wp-json/affiliate-agent/v1/bridge/';
    const operation = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    const header = (name: string) => String(request.headers[name] ?? '');
    const record = (status: number, body: unknown) => {
      calls.push({ operation, body: raw ? JSON.parse(raw) : {}, status, userId: header('x-aa-user'), capabilities: header('x-aa-capabilities') });
      sendJson(response, status, body);
    };
    const timestamp = Number(header('x-aa-timestamp'));
    const nonce = header('x-aa-nonce');
    if (!header('x-aa-signature') || !nonce) return record(401, error('signature_missing', 'Signature headers missing.', 401));
    if (Math.abs(now() - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return record(401, error('signature_expired', 'Timestamp out of tolerance.', 401));
    const expected = computeSignature(options.secret, {
      method: request.method ?? 'POST',
      pathWithQuery: request.url ?? '/',
      timestamp,
      nonce,
      userId: Number(header('x-aa-user')),
      capabilities: header('x-aa-capabilities').split(',').filter(Boolean),
      body: raw,
    });
    if (!timingSafeEqualStrings(expected, header('x-aa-signature'))) return record(401, error('signature_invalid', 'Signature mismatch.', 401));
    if (seenNonces.has(nonce)) return record(401, error('signature_replayed', 'Nonce already used.', 401));
    seenNonces.add(nonce);
    if (!header('x-aa-capabilities').split(',').includes('bridge')) return record(403, error('forbidden', 'Bridge routes need the signed capability "bridge".', 403));
    const injected = failures.shift();
    if (injected) return record(injected, error('injected', 'Injected failure.', injected));
    const handler = operations[operation];
    if (!handler) return record(404, error('unknown_operation', `Unknown bridge operation "${operation}".`, 404));
    if (operation.startsWith('affiliatewp/') && options.affiliateWpInstalled === false) return record(501, error('affiliatewp_not_installed', 'AffiliateWP is not installed or not active on this site.', 501));
    const result = await handler(raw ? JSON.parse(raw) : {});
    record(result.status, result.body);
  });
  const url = await listen(server);
  return {
    url,
    store,
    users,
    affiliates,
    addUser: store.addUser,
    addAffiliate: store.addAffiliate,
    mails,
    sentKeys,
    calls,
    failNext(count: number, status = 503) {
      for (let index = 0; index < count; index += 1) failures.push(status);
    },
    /** What AffiliateWP's settings say now; any value, so a test can also send a malformed answer. */
    setProgramTerms(terms: unknown) {
      programTerms = terms;
    },
    setMailWorks(works: boolean) {
      mailWorks = works;
    },
    close: () => closeServer(server),
  };
}
export type WordPressBridgeFake = Awaited<ReturnType<typeof startWordPressBridgeFake>>;
