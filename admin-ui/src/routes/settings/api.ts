import { pluginRequest, serviceRequest } from '../../lib/api-client';
import type { ConnectResult, ConnectionReport, DeliveryPatch, DeliverySettings } from './types';

/** The plugin's own check: service reachable, version, clock skew, signature accepted. */
export const testConnection = () => pluginRequest<ConnectionReport>('/affiliate-agent/v1/connection');

/** Saves a connection key (and the public URL when given) and tests it, in one step. */
export const connectWithKey = (key: string, publicServiceUrl?: string) =>
  pluginRequest<ConnectResult>('/affiliate-agent/v1/connection', { method: 'POST', data: { key, ...(publicServiceUrl !== undefined ? { publicServiceUrl } : {}) } });

export const getDeliverySettings = async () => (await serviceRequest<{ settings: DeliverySettings }>('settings/delivery')).settings;

export const saveDeliverySettings = async (patch: DeliveryPatch) =>
  (await serviceRequest<{ settings: DeliverySettings }>('settings/delivery', { method: 'PATCH', data: patch })).settings;
