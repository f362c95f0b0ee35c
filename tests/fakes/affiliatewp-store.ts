/**
 * The one model of an AffiliateWP site behind every TypeScript fake: WordPress users, affiliates,
 * their statuses and the rules both transports meet (docs/affiliatewp-rest.md). The REST fake
 * (affiliatewp-fake-server.ts) and the plugin-bridge fake (wordpress-bridge-fake.ts) are two doors
 * onto it, so an affiliate created through one is found, approved and shaped the same through the other.
 *
 * Rules kept here because WordPress and AffiliateWP enforce them whichever way you come in:
 * - a WordPress user's email and login are unique; emails are compared lower-cased;
 * - a user is at most one affiliate (AffiliateWP refuses a second);
 * - finding by email looks at the account email first, then at the payment email;
 * - a new affiliate without a status is pending when the site requires approval, else active;
 * - statuses are active | inactive | pending | rejected. AffiliateWP's REST update does not check
 *   the status (any string is stored); the plugin bridge refuses others. `setStatus` stores what it
 *   is given, and each transport decides whether to check first.
 */
export const AFFILIATE_STATUSES = ['active', 'inactive', 'pending', 'rejected'] as const;
export type AffiliateStatus = (typeof AFFILIATE_STATUSES)[number];

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FakeUser {
  ID: number;
  user_login: string;
  user_email: string;
  display_name: string;
  /** WordPress roles; absent means subscriber. */
  roles?: string[];
}

export interface FakeAffiliate {
  affiliate_id: number;
  rest_id: string;
  user_id: number;
  rate: string;
  rate_type: string;
  flat_rate_basis: string;
  payment_email: string;
  /** A string, not AffiliateStatus: the REST API stores whatever it is sent. */
  status: string;
  earnings: number;
  unpaid_earnings: number;
  referrals: number;
  visits: number;
  date_registered: string;
  notes?: string;
  website_url?: string;
}

/** The affiliate object as AffiliateWP's REST API (and the bridge, which copies it) answers it. */
export type AffiliateView = Omit<FakeAffiliate, 'notes' | 'website_url'> & {
  id: number;
  user?: { user_login: string; user_email: string; display_name: string };
};

export interface StatusChange {
  affiliateId: number;
  from: string;
  to: string;
}

export interface AffiliateStoreOptions {
  /** AffiliateWP's "require approval" setting, read when an affiliate is added (tests may flip it). */
  requireApproval?: () => boolean;
  firstUserId?: number;
  firstAffiliateId?: number;
}

export function isAffiliateStatus(value: unknown): value is AffiliateStatus {
  return typeof value === 'string' && (AFFILIATE_STATUSES as readonly string[]).includes(value);
}

/** WordPress's `sanitize_user($name, true)`: only ASCII letters, digits, space and `_ . - @`. */
export function sanitizeUserLogin(value: string): string {
  return value.replace(/[^A-Za-z0-9 _.\-@]/g, '').trim();
}

/** GMT `Y-m-d H:i:s`, as AffiliateWP stores `date_registered`. */
function gmtNow(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ');
}

export function createAffiliateStore(options: AffiliateStoreOptions = {}) {
  const users: FakeUser[] = [];
  const affiliates: FakeAffiliate[] = [];
  const statusChanges: StatusChange[] = [];
  let nextUserId = options.firstUserId ?? 100;
  let nextAffiliateId = options.firstAffiliateId ?? 1;
  const requireApproval = options.requireApproval ?? (() => true);

  const userByEmail = (email: string) => users.find((user) => user.user_email === email.toLowerCase());
  const userByLogin = (login: string) => users.find((user) => user.user_login === login);
  const userOf = (affiliate: FakeAffiliate) => users.find((user) => user.ID === affiliate.user_id);
  const affiliateOfUser = (userId: number) => affiliates.find((affiliate) => affiliate.user_id === userId);

  /** What `wp_insert_user` would refuse, as its error code; null when the user can be added. */
  function userConflict(login: string, email: string): 'existing_user_login' | 'existing_user_email' | null {
    if (userByLogin(login)) return 'existing_user_login';
    if (userByEmail(email)) return 'existing_user_email';
    return null;
  }

  function addUser(login: string, email: string, displayName = login): FakeUser {
    const conflict = userConflict(login, email);
    if (conflict) throw new Error(`fake WordPress refuses the user ${login} <${email}>: ${conflict}`);
    const user: FakeUser = { ID: nextUserId++, user_login: login, user_email: email.toLowerCase(), display_name: displayName };
    users.push(user);
    return user;
  }

  /** The plugin's rule for a new account: the sanitized base, then base2, base3… while taken. */
  function freeLogin(base: string): string {
    const start = sanitizeUserLogin(base).slice(0, 50) || 'affiliate';
    let login = start;
    for (let suffix = 2; userByLogin(login); suffix += 1) login = `${start}${suffix}`;
    return login;
  }

  function addAffiliate(userId: number, fields: Partial<FakeAffiliate> = {}): FakeAffiliate {
    if (!users.some((user) => user.ID === userId)) throw new Error(`fake AffiliateWP has no user ${userId}`);
    if (affiliateOfUser(userId)) throw new Error(`fake AffiliateWP refuses a second affiliate for user ${userId}`);
    const affiliate: FakeAffiliate = {
      affiliate_id: nextAffiliateId++,
      rest_id: '',
      user_id: userId,
      rate: '',
      rate_type: '',
      flat_rate_basis: '',
      payment_email: '',
      status: requireApproval() ? 'pending' : 'active',
      earnings: 0,
      unpaid_earnings: 0,
      referrals: 0,
      visits: 0,
      date_registered: gmtNow(),
      ...fields,
    };
    affiliates.push(affiliate);
    return affiliate;
  }

  function byId(affiliateId: number): FakeAffiliate | undefined {
    return affiliates.find((affiliate) => affiliate.affiliate_id === affiliateId);
  }

  /** AffiliateWP's lookup by email: the account's affiliate first, then a payment-email match. */
  function findByEmail(email: string): FakeAffiliate | undefined {
    const lower = email.toLowerCase();
    const user = userByEmail(lower);
    return (user && affiliateOfUser(user.ID)) ?? affiliates.find((affiliate) => affiliate.payment_email.toLowerCase() === lower);
  }

  /** Stores the status as given; a change from the old one is recorded (AffiliateWP's status hook). */
  function setStatus(affiliate: FakeAffiliate, status: string): void {
    if (affiliate.status === status) return;
    statusChanges.push({ affiliateId: affiliate.affiliate_id, from: affiliate.status, to: status });
    affiliate.status = status;
  }

  function view(affiliate: FakeAffiliate, withUser = false): AffiliateView {
    const { notes: _notes, website_url: _website, ...fields } = affiliate;
    const user = userOf(affiliate);
    return {
      ...fields,
      id: affiliate.affiliate_id,
      ...(withUser && user ? { user: { user_login: user.user_login, user_email: user.user_email, display_name: user.display_name } } : {}),
    };
  }

  return {
    users,
    affiliates,
    statusChanges,
    userByEmail,
    userByLogin,
    userOf,
    affiliateOfUser,
    userConflict,
    addUser,
    freeLogin,
    addAffiliate,
    byId,
    findByEmail,
    setStatus,
    view,
  };
}
export type AffiliateStore = ReturnType<typeof createAffiliateStore>;
