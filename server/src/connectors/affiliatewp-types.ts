import { DeliveryError } from './delivery-error';

/**
 * One interface for AffiliateWP, whichever way the site is reached (its REST API or our plugin's
 * bridge). Shapes follow docs/affiliatewp-rest.md.
 */
export const AFFILIATE_STATUSES = ['active', 'inactive', 'pending', 'rejected'] as const;
export type AffiliateStatus = (typeof AFFILIATE_STATUSES)[number];

export interface Affiliate {
  affiliate_id: number;
  user_id: number;
  payment_email: string;
  status: AffiliateStatus | string;
  rate?: string;
  rate_type?: string;
  earnings?: number;
  unpaid_earnings?: number;
  referrals?: number;
  visits?: number;
  date_registered?: string;
  /** Present when asked with user=1 (REST) and always from the bridge. */
  user?: { user_login?: string; user_email?: string; display_name?: string };
}

export interface PendingApplication {
  email: string;
  name: string;
  username?: string;
  websiteUrl?: string;
  notes?: string;
  /** The applicant proved the email in the chat; only then may the bridge link an existing account (plugin Account_Policy). */
  emailVerified?: boolean;
}

/** Status changes are a manager's act: the caller must name the WordPress user who asked. */
export interface ManagerInitiated {
  initiatedBy: { userId: number };
}

export interface AffiliateWpConnector {
  readonly transport: 'rest' | 'bridge';
  findByEmail(email: string): Promise<Affiliate | null>;
  /** One affiliate with its WordPress user (login, email, display name): what a manager checks before linking it. */
  getAffiliate(affiliateId: number): Promise<Affiliate>;
  /** Creates a pending application, or links the existing affiliate with this email (never a duplicate). */
  createPending(application: PendingApplication): Promise<{ affiliate: Affiliate; created: boolean }>;
  setStatus(affiliateId: number, status: AffiliateStatus, context: ManagerInitiated): Promise<Affiliate>;
  referralUrl(affiliateId: number): Promise<string>;
  /** Changes the payment email only when the affiliate's account email is `expectedEmail` (the lead's own). */
  updatePaymentEmail(input: { affiliateId: number; expectedEmail: string; paymentEmail: string }): Promise<Affiliate>;
}

export function assertManagerInitiated(status: string, context: ManagerInitiated | undefined): asserts status is AffiliateStatus {
  if (!(AFFILIATE_STATUSES as readonly string[]).includes(status)) {
    throw new DeliveryError(`'${status}' is not an AffiliateWP status; expected one of ${AFFILIATE_STATUSES.join(', ')}.`, { retryable: false, code: 'invalid_status' });
  }
  if (!context || !Number.isInteger(context.initiatedBy?.userId) || context.initiatedBy.userId <= 0) {
    throw new DeliveryError('Changing an affiliate status needs the WordPress user (id > 0) of the manager who asked; a visitor can never trigger it.', { retryable: false, code: 'not_manager_initiated' });
  }
}

/** A login AffiliateWP can look up later: its username routes only match \w+. */
export function usernameFor(email: string, attempt = 0): string {
  const base = (email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'affiliate';
  return attempt === 0 ? base : `${base}_${attempt + 1}`;
}

export function sameEmail(left: string | undefined | null, right: string | undefined | null): boolean {
  return Boolean(left) && Boolean(right) && left!.trim().toLowerCase() === right!.trim().toLowerCase();
}
