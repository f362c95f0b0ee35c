import type { ConnectionState } from '../routes/settings/types';

/** What the plugin prints on the admin page as `window.affiliateAgentAdmin`. */
export interface AdminConfig {
  restPath: string;
  capabilities: string[];
  canManage: boolean;
  canReview: boolean;
  adminUrl: string;
  /** Affiliate Agent → Settings (this app's screen), for managers. */
  settingsUrl: string | null;
  /** The saved connection, for managers (null for reviewers). */
  connection: ConnectionState | null;
  /** post-new.php?post_type=page, where the chat block is placed. */
  newPageUrl: string;
  /** The site's origin (scheme + host), the first allowed origin a new agent needs. */
  siteOrigin: string;
}

declare global {
  interface Window {
    affiliateAgentAdmin?: Partial<AdminConfig>;
  }
}

export function adminConfig(): AdminConfig {
  const raw = (typeof window !== 'undefined' && window.affiliateAgentAdmin) || {};
  return {
    restPath: (raw.restPath ?? '/affiliate-agent/v1/admin').replace(/\/$/, ''),
    capabilities: raw.capabilities ?? [],
    canManage: raw.canManage ?? false,
    canReview: raw.canReview ?? false,
    adminUrl: raw.adminUrl ?? '',
    settingsUrl: raw.settingsUrl ?? null,
    connection: raw.connection ?? null,
    newPageUrl: raw.newPageUrl ?? `${raw.adminUrl ?? ''}post-new.php?post_type=page`,
    siteOrigin: raw.siteOrigin ?? (typeof window !== 'undefined' ? window.location.origin : ''),
  };
}
