import { serviceDownload, serviceRequest } from '../../lib/api-client';
import type { Agent } from '../../lib/service-types';
import type { Lead, LeadFilters, LeadPage, LeadStatus } from './types';

const PAGE_SIZE = 50;

export const listLeads = (filters: LeadFilters, cursor?: string) =>
  serviceRequest<LeadPage>('leads', { query: { ...filters, limit: PAGE_SIZE, cursor } });

export const listAgents = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;

export const setLeadStatus = async (id: string, status: LeadStatus) =>
  (await serviceRequest<{ lead: Lead }>(`leads/${encodeURIComponent(id)}`, { method: 'PATCH', data: { status } })).lead;

/** The CSV with the same filters; fetched through apiFetch so the REST nonce and the proxy apply. */
export const exportLeadsCsv = (filters: LeadFilters) => {
  const { sort: _sort, ...rest } = filters;
  return serviceDownload('leads/export.csv', { ...rest });
};
