/** What the plugin prints on the admin page as `window.affiliateAgentAdmin`. */
export interface AdminConfig {
  restPath: string;
  capabilities: string[];
  canManage: boolean;
  canReview: boolean;
  adminUrl: string;
  /** The plugin's connection settings page (service URL and secret), for managers. */
  settingsUrl: string | null;
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
    siteOrigin: raw.siteOrigin ?? (typeof window !== 'undefined' ? window.location.origin : ''),
  };
}
