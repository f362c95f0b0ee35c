import { DeliveryError, excerpt, type ResponseSummary } from './delivery-error';
import type { ReferralSettings } from './delivery-settings';
import type { SafeHttpClient, SafeResponse } from './safe-http';
import {
  assertManagerInitiated,
  sameEmail,
  usernameFor,
  type Affiliate,
  type AffiliateWpConnector,
  type AffiliateStatus,
  type ManagerInitiated,
  type PendingApplication,
} from './affiliatewp-types';

/**
 * AffiliateWP over its own REST API (`affwp/v1`, HTTP Basic with public key and token), written to
 * the quirks in the contract file: empty lists are 404, updates answer 201, `number=0` lists all,
 * username routes need \w+ logins, and write routes exist only with the REST API Extended add-on.
 */
export interface AffiliateWpRestOptions {
  http: SafeHttpClient;
  /** Where AffiliateWP's REST API is reached; may be an internal address (wp.internal:8080). */
  siteUrl: string;
  /**
   * The site's own public address, which referral links are built on when no base URL is set; absent
   * until the site paired (the REST address never stands in: it may be internal, wp.internal:8080).
   */
  homeUrl?: string;
  publicKey: string;
  token: string;
  referral: ReferralSettings;
  /** Whether an application may create the WordPress account it needs (delivery setting, off by default). */
  createAccounts?: boolean;
  timeoutMs?: number;
}

interface WpError {
  code?: string;
  message?: string;
}

const EMPTY_LIST_CODES = new Set(['no_affiliates', 'no_referrals', 'no_visits', 'no_payouts', 'no_creatives', 'no_customers']);

/** The status reconciliation reads affiliates over REST only (the bridge reports changes itself). */
export type AffiliateWpRestConnector = AffiliateWpConnector;

export function createAffiliateWpRestConnector(options: AffiliateWpRestOptions): AffiliateWpRestConnector {
  const root = `${options.siteUrl.replace(/\/+$/, '')}/wp-json/affwp/v1`;
  const authorization = `Basic ${Buffer.from(`${options.publicKey}:${options.token}`).toString('base64')}`;

  async function request(method: string, path: string, body?: Record<string, unknown>): Promise<{ response: SafeResponse; json: unknown; summary: ResponseSummary }> {
    const response = await options.http({
      method,
      url: `${root}${path}`,
      headers: { authorization, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRedirects: 2,
    });
    let json: unknown = null;
    try {
      json = response.body ? JSON.parse(response.body) : null;
    } catch {
      json = null;
    }
    return { response, json, summary: { url: `${root}${path}`, status: response.status, body: excerpt(response.body), durationMs: response.durationMs } };
  }

  function wpError(json: unknown): WpError {
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as WpError) : {};
  }

  /** Turns a non-success answer into a message that tells the owner what to change. */
  function failure(operation: string, status: number, json: unknown, summary: ResponseSummary, isWrite: boolean): DeliveryError {
    const error = wpError(json);
    if (status === 401) {
      return new DeliveryError(
        `AffiliateWP refused the API key (401 ${error.code ?? ''}) while trying to ${operation}. Check the public key and token in Affiliate Agent → Settings, “AffiliateWP and notifications” ` +
          '(Affiliates → Tools → API Keys). If they are right, the web server is probably stripping the Authorization header (common on FastCGI/CGI hosts): ' +
          'add `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1` to .htaccess, or switch the transport to the WordPress bridge.',
        { retryable: true, code: 'affiliatewp_unauthorized', response: summary },
      );
    }
    if (status === 403) {
      return new DeliveryError(
        `AffiliateWP answered 403 (${error.code ?? 'rest_forbidden'}) while trying to ${operation}: the WordPress user who owns this API key lacks the manage_affiliates capability. Create the key for an administrator.`,
        { retryable: true, code: 'affiliatewp_forbidden', response: summary },
      );
    }
    if (status === 404 && error.code === 'rest_no_route') {
      return new DeliveryError(
        isWrite
          ? `AffiliateWP's REST API has no write route to ${operation}: core AffiliateWP only serves GET routes. Enable the REST API Extended add-on (and its affiliate create/edit endpoints), or switch the transport to the WordPress bridge, which works on every install.`
          : `AffiliateWP's REST API is not reachable at ${root} (404 rest_no_route): is AffiliateWP active, and is the site URL right?`,
        { retryable: true, code: isWrite ? 'affiliatewp_write_route_missing' : 'affiliatewp_missing', response: summary },
      );
    }
    if (status === 400) {
      return new DeliveryError(`AffiliateWP rejected the request to ${operation} (400 ${error.code ?? ''}: ${error.message ?? 'bad request'}).`, {
        retryable: false,
        code: error.code ?? 'affiliatewp_rejected',
        response: summary,
      });
    }
    return new DeliveryError(`AffiliateWP answered HTTP ${status} ${error.code ?? ''} while trying to ${operation}; will retry.`, { retryable: true, code: error.code ?? 'affiliatewp_failed', response: summary });
  }

  async function getAffiliate(affiliateId: number): Promise<Affiliate> {
    const { response, json, summary } = await request('GET', `/affiliates/${affiliateId}?user=1`);
    if (response.status === 200 && json && typeof json === 'object') return json as Affiliate;
    throw failure(`read affiliate ${affiliateId}`, response.status, json, summary, false);
  }

  async function findByEmail(email: string): Promise<Affiliate | null> {
    const query = new URLSearchParams({ search: email, number: '0', user: '1' });
    const { response, json, summary } = await request('GET', `/affiliates?${query.toString()}`);
    if (response.status === 404 && EMPTY_LIST_CODES.has(wpError(json).code ?? '')) return null;
    if (response.status !== 200 || !Array.isArray(json)) throw failure('find an affiliate by email', response.status, json, summary, false);
    const affiliates = json as Affiliate[];
    // The search also matches payment_email; prefer the affiliate whose account email is this one.
    return affiliates.find((affiliate) => sameEmail(affiliate.user?.user_email, email)) ?? affiliates.find((affiliate) => sameEmail(affiliate.payment_email, email)) ?? null;
  }

  async function createPending(application: PendingApplication): Promise<{ affiliate: Affiliate; created: boolean }> {
    const existing = await findByEmail(application.email);
    if (existing) return { affiliate: existing, created: false };
    if (!options.createAccounts) {
      // AffiliateWP's create route needs a user; without create_user it cannot make an affiliate.
      throw new DeliveryError(
        'No affiliate was created: making WordPress accounts from the chat is off for the AffiliateWP REST transport (Settings, "Create WordPress accounts for applicants"). Add the affiliate in AffiliateWP, then link it on the lead page.',
        { retryable: false, code: 'registration_closed' },
      );
    }
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const username = attempt === 0 && application.username && /^\w+$/.test(application.username) ? application.username : usernameFor(application.email, attempt);
      const body: Record<string, unknown> = {
        create_user: '1',
        payment_email: application.email,
        username,
        status: 'pending',
        ...notesWithName(application),
        ...(application.websiteUrl ? { website_url: application.websiteUrl } : {}),
      };
      const { response, json, summary } = await request('POST', '/affiliates', body);
      if (response.status === 201 || response.status === 200) return { affiliate: json as Affiliate, created: true };
      const code = wpError(json).code;
      if (code === 'existing_user_login') continue;
      if (code === 'affwp_rest_add_affiliate_error') {
        // AffiliateWP answers this also when the user already is an affiliate: link it instead.
        const raced = await findByEmail(application.email);
        if (raced) return { affiliate: raced, created: false };
      }
      if (code === 'existing_user_email') {
        throw new DeliveryError(
          `A WordPress user with ${application.email} exists but is not an affiliate, and AffiliateWP's REST API cannot look users up by email to link them. Add the affiliate in wp-admin, or switch the transport to the WordPress bridge, which links existing users.`,
          { retryable: false, code: 'existing_user_email', response: summary },
        );
      }
      throw failure('create an affiliate', response.status, json, summary, true);
    }
    throw new DeliveryError(`Every username tried for ${application.email} is taken.`, { retryable: false, code: 'existing_user_login' });
  }

  async function setStatus(affiliateId: number, status: AffiliateStatus, context: ManagerInitiated): Promise<Affiliate> {
    assertManagerInitiated(status, context);
    const { response, json, summary } = await request('PATCH', `/affiliates/${affiliateId}`, { status });
    // Updates answer 201 (not 200) in AffiliateWP; 200 is accepted should a proxy rewrite it.
    if (response.status === 201 || response.status === 200) return json as Affiliate;
    throw failure(`set affiliate ${affiliateId} to ${status}`, response.status, json, summary, true);
  }

  async function referralUrl(affiliateId: number): Promise<string> {
    let value = String(affiliateId);
    if (options.referral.format === 'username') {
      const affiliate = await getAffiliate(affiliateId);
      const login = affiliate.user?.user_login;
      if (!login) throw new DeliveryError(`AffiliateWP did not return the login of affiliate ${affiliateId}, needed for username referral links.`, { retryable: true, code: 'affiliatewp_no_login' });
      value = encodeURIComponent(login);
    }
    // Never the REST address: affiliates share this link with the public.
    if (!options.referral.baseUrl && !options.homeUrl) {
      throw new DeliveryError(
        "No referral link was made: the site's public address is not known yet (the AffiliateWP REST address may be internal). Connect the plugin in Affiliate Agent → Settings, or set the referral base URL; the step retries.",
        { retryable: true, code: 'referral_base_unknown' },
      );
    }
    return buildReferralUrl(options.referral, options.homeUrl ?? '', value);
  }

  async function updatePaymentEmail(input: { affiliateId: number; expectedEmail: string; paymentEmail: string }): Promise<Affiliate> {
    const affiliate = await getAffiliate(input.affiliateId);
    if (!sameEmail(affiliate.user?.user_email, input.expectedEmail)) {
      throw new DeliveryError(`Affiliate ${input.affiliateId} does not belong to ${input.expectedEmail}; its payment email is left unchanged.`, { retryable: false, code: 'affiliate_mismatch' });
    }
    const { response, json, summary } = await request('PATCH', `/affiliates/${input.affiliateId}`, { payment_email: input.paymentEmail });
    if (response.status !== 201 && response.status !== 200) throw failure(`update the payment email of affiliate ${input.affiliateId}`, response.status, json, summary, true);
    const updated = json as Affiliate;
    // AffiliateWP silently keeps the old value for an invalid address and still answers success.
    if (!sameEmail(updated.payment_email, input.paymentEmail)) {
      throw new DeliveryError(`AffiliateWP kept the old payment email: it does not accept '${input.paymentEmail}' as an email address.`, { retryable: false, code: 'payment_email_ignored', response: summary });
    }
    return updated;
  }

  return { transport: 'rest', findByEmail, createPending, setStatus, referralUrl, updatePaymentEmail, getAffiliate };
}

/** affwp_get_affiliate_referral_url(), rebuilt from the owner's copy of AffiliateWP's settings. */
export function buildReferralUrl(referral: ReferralSettings, siteUrl: string, value: string): string {
  const base = referral.baseUrl ?? `${siteUrl.replace(/\/+$/, '')}/`;
  if (referral.pretty) {
    const url = new URL(base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${referral.variable}/${value}/`;
    return url.toString();
  }
  const url = new URL(base);
  url.searchParams.set(referral.variable, decodeURIComponent(value));
  return url.toString();
}

/**
 * AffiliateWP's REST create takes no name fields (docs/affiliatewp-rest.md, "Names over REST"), so the
 * applicant's name travels in the affiliate's notes, one plain line, where the affiliate screen shows it.
 */
export function notesWithName(application: Pick<PendingApplication, 'name' | 'email' | 'notes'>): { notes?: string } {
  const name = application.name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  const lines = [name && name.toLowerCase() !== application.email.toLowerCase() ? `Applicant: ${name}` : '', application.notes ?? ''].filter(Boolean);
  return lines.length ? { notes: lines.join('\n') } : {};
}
