import { pluginRequest, serviceRequest } from '../../lib/api-client';
import type { ConnectionReport, DeliveryPatch, DeliverySettings } from './types';

/** The plugin's own check: service reachable, version, clock skew, signature accepted. */
export const testConnection = () => pluginRequest<ConnectionReport>('/affiliate-agent/v1/connection');

export const getDeliverySettings = async () => (await serviceRequest<{ settings: DeliverySettings }>('settings/delivery')).settings;

export const saveDeliverySettings = async (patch: DeliveryPatch) =>
  (await serviceRequest<{ settings: DeliverySettings }>('settings/delivery', { method: 'PATCH', data: patch })).settings;
