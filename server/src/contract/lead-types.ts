import type { Route } from './action-definition';
import type { FieldValue, QualificationResult } from './qualification';

export const LEAD_STATUSES = ['new', 'contacted', 'approved', 'rejected', 'archived'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface LeadSource {
  pageUrl?: string;
  referrer?: string;
  utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
}

export interface ConsentRecord {
  field: string;
  text: string;
  accepted: boolean;
  at: string;
}

export interface Lead {
  id: string;
  agentId: string;
  actionId: string | null;
  actionKey: string;
  actionVersion: number;
  conversationId: string | null;
  email: string | null;
  name: string | null;
  fields: Record<string, FieldValue>;
  score: number;
  scoreExplanation: QualificationResult['explanation'];
  tags: string[];
  route: Route;
  status: LeadStatus;
  source: LeadSource;
  consents: ConsentRecord[];
  submissions: number;
  /** The earlier lead with the same agent and email; set on a later submission, never merged into it. */
  duplicateOf: string | null;
  /** Why this lead waits for the manager instead of acting on its own; null when nothing waits. */
  managerRequest: ManagerRequest | null;
  /** The AffiliateWP affiliate approve/reject may act on: one this lead created or a manager linked. */
  affiliateId: number | null;
  affiliateLink: 'created' | 'manager-linked' | null;
  /**
   * How the visitor proved they own `email` (issue 12): a code mailed to it and typed in the chat, or
   * a logged-in WordPress user with that account email. Null: unverified.
   */
  emailVerification: EmailVerificationMethod | null;
  /** When that proof happened; null when unverified. */
  emailVerifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const EMAIL_VERIFICATION_METHODS = ['code', 'wordpress-user'] as const;
export type EmailVerificationMethod = (typeof EMAIL_VERIFICATION_METHODS)[number];

export const MANAGER_REQUESTS = ['unverified-affiliate-change', 'link-affiliate-by-hand'] as const;
/**
 * unverified-affiliate-change: an action touching an existing affiliate came from a visitor not proven
 * to own that affiliate's email; link-affiliate-by-hand: the applicant's email matched an existing
 * WordPress account or affiliate, which only a manager may link.
 */
export type ManagerRequest = (typeof MANAGER_REQUESTS)[number];

/** What the lead screen shows about an affiliate before a manager links it: who it is and its status. */
export interface AffiliateCandidate {
  affiliateId: number;
  status: string;
  paymentEmail: string;
  user: { login: string; email: string; displayName: string } | null;
  /** Whether the account or payment email is the lead's email (a hint, never a reason to link on its own). */
  emailMatchesLead: boolean;
  /** Other leads that already act on this affiliate. */
  linkedToLeads: string[];
}

export interface LeadEvent {
  id: number;
  leadId: string;
  type: string;
  actor: number | null;
  data: unknown;
  createdAt: string;
}

export interface LeadNote {
  id: number;
  leadId: string;
  author: number;
  body: string;
  createdAt: string;
}
