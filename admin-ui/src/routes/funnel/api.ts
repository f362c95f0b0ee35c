import { serviceDownload, serviceRequest } from '../../lib/api-client';
import type { Agent } from '../../lib/service-types';
import type { FunnelGroupBy, FunnelReport } from './types';

export interface FunnelFilters {
  agentId: string;
  from?: string;
  to?: string;
  groupBy?: FunnelGroupBy;
}

export const listAgents = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;

export const getFunnel = async (filters: FunnelFilters) => (await serviceRequest<{ funnel: FunnelReport }>('funnel', { query: { ...filters } })).funnel;

/** The same report as CSV; fetched through apiFetch so the REST nonce and the proxy apply. */
export const exportFunnelCsv = (filters: FunnelFilters) => serviceDownload('funnel/export.csv', { ...filters });
