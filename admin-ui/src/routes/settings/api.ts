import { pluginRequest, serviceRequest } from '../../lib/api-client';
import type { AutoApprovalPolicy, AutoApprovalSettings, ConnectResult, ConnectionReport, DeliveryPatch, DeliverySettings, ProgramTerms, SiteBubbleAnswer, SiteBubbleSettings, StoredProgramTerms, TrustSettings } from './types';

/** The plugin's own check: service reachable, version, clock skew, signature accepted. */
export const testConnection = () => pluginRequest<ConnectionReport>('/affiliate-agent/v1/connection');

/** Saves a connection key (and the public URL when given) and tests it, in one step. */
export const connectWithKey = (key: string, publicServiceUrl?: string) =>
  pluginRequest<ConnectResult>('/affiliate-agent/v1/connection', { method: 'POST', data: { key, ...(publicServiceUrl !== undefined ? { publicServiceUrl } : {}) } });

export const getDeliverySettings = async () => (await serviceRequest<{ settings: DeliverySettings }>('settings/delivery')).settings;

export const saveDeliverySettings = async (patch: DeliveryPatch) =>
  (await serviceRequest<{ settings: DeliverySettings }>('settings/delivery', { method: 'PATCH', data: patch })).settings;

/** Settings → Trust checks (issue 16): the repeat-applications threshold. */
export const getTrustSettings = async () => (await serviceRequest<{ settings: TrustSettings }>('settings/trust')).settings;

export const saveTrustSettings = async (patch: Partial<TrustSettings>) =>
  (await serviceRequest<{ settings: TrustSettings }>('settings/trust', { method: 'PATCH', data: patch })).settings;

/** Settings → Program terms (issue 16): the facts the agent quotes exactly (null until entered) and where they come from. */
export const getProgramTerms = () => serviceRequest<StoredProgramTerms>('settings/program-terms');

export const saveProgramTerms = (terms: ProgramTerms) => serviceRequest<StoredProgramTerms>('settings/program-terms', { method: 'PUT', data: terms });

/** Reads commission, cookie, currency and payout methods from AffiliateWP's own settings (bridge only). */
export const importProgramTerms = () => serviceRequest<StoredProgramTerms>('settings/program-terms/import', { method: 'POST', data: {} });

/** Settings → Auto-approval (issue 16): the owner's policy, and the platforms it may name. */
export const getAutoApproval = () => serviceRequest<AutoApprovalSettings>('settings/auto-approval');

export const saveAutoApproval = (patch: Partial<AutoApprovalPolicy>) => serviceRequest<AutoApprovalSettings>('settings/auto-approval', { method: 'PATCH', data: patch });

/** Settings → Chat on every page (issue 14): the plugin's own option, so the plugin's own route. */
export const getSiteBubble = () => pluginRequest<SiteBubbleAnswer>('/affiliate-agent/v1/site-bubble');

export const saveSiteBubble = (settings: SiteBubbleSettings) => pluginRequest<SiteBubbleAnswer>('/affiliate-agent/v1/site-bubble', { method: 'PUT', data: settings });
