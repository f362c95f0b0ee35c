import type { ProgramTerms, ProgramTermsSource } from '../../../../server/src/contract/program-terms';
export interface ConnectionReport {
  configured: boolean;
  serviceUrl: string | null;
  reachable: boolean;
  version: string | null;
  clockSkewSeconds: number | null;
  signatureAccepted: boolean | null;
  ok: boolean;
  messages: string[];
}

export type Transport = 'none' | 'rest' | 'bridge';

/** What GET /v1/settings/delivery answers; secrets come back masked. */
export interface DeliverySettings {
  wordpress: { siteUrl: string | null };
  affiliatewp: { transport: Transport; siteUrl: string | null; publicKey: string | null; token: string | null; reconcileMinutes?: number; createAccounts?: boolean };
  notifications: { recipients: string[] };
  webhooks: { signingSecret: string | null; timeoutMs: number };
  network: { allowHosts: string[] };
  /** null: the built-in text is used. */
  emails?: { welcome: EmailTemplate | null; rejection: EmailTemplate | null; rejectionEnabled: boolean };
}

export interface EmailTemplate {
  subject: string;
  body: string;
}

export interface DeliveryPatch {
  emails?: { welcome?: EmailTemplate | null; rejection?: EmailTemplate | null; rejectionEnabled?: boolean };
  wordpress?: { siteUrl?: string | null };
  affiliatewp?: { transport?: Transport; siteUrl?: string | null; publicKey?: string | null; token?: string | null; reconcileMinutes?: number | null; createAccounts?: boolean };
  notifications?: { recipients?: string[] };
  network?: { allowHosts?: string[] };
}

/** The saved connection as the plugin describes it (never the secret itself). */
export interface ConnectionState {
  configured: boolean;
  /** Set in wp-config.php: the screen cannot change it. */
  pinned: boolean;
  serviceUrl: string;
  publicServiceUrl: string;
  /** `••••••••` + the secret's last four characters. */
  secretHint: string;
}

export interface ConnectResult {
  report: ConnectionReport;
  connection: ConnectionState;
}

/** GET/PATCH /v1/settings/trust (server/src/leads/trust/trust-settings.ts). */
export interface TrustSettings {
  repeatClientPerDay: number;
}

export type { ProgramTerms, ProgramTermsSource };

/** What the program-terms routes answer: the terms (null until entered) and where they come from. */
export interface StoredProgramTerms {
  terms: ProgramTerms | null;
  source: ProgramTermsSource | null;
}

/** GET/PATCH /v1/settings/auto-approval (server/src/leads/auto-approval/auto-approval-policy.ts). */
export interface AutoApprovalPolicy {
  enabled: boolean;
  minScore: number;
  requireVerifiedEmail: boolean;
  requireNoTrustFlag: boolean;
  allowedPlatforms: string[];
  dailyCap: number;
  undoWindowHours: number;
  dailyDigest: boolean;
}

export interface AutoApprovalSettings {
  policy: AutoApprovalPolicy;
  /** The application template's platform answers, for the allowed-platforms pick-list. */
  platformOptions: Array<{ value: string; label: string }>;
}

/** Settings → Chat on every page (issue 14): a WordPress option, kept by the plugin's own route. */
export type SiteBubbleWhere = 'everywhere' | 'front_page' | 'post_types';

export interface SiteBubbleSettings {
  enabled: boolean;
  agentId: string;
  where: SiteBubbleWhere;
  postTypes: string[];
}

export interface SiteBubbleAnswer {
  settings: SiteBubbleSettings;
  /** The site's public post types, the choices for `postTypes`. */
  postTypes: Array<{ slug: string; label: string }>;
}
