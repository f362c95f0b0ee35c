import type { Lead, LeadStatus, ServiceLeadFilters } from '../../lib/service-types';

export type { Lead, LeadStatus };

/** The inbox's filters: the service's, without the page size and cursor the API layer adds. */
export type LeadFilters = Omit<ServiceLeadFilters, 'limit' | 'cursor'>;
export type LeadSort = LeadFilters['sort'];

export interface LeadPage {
  items: Lead[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
}

export type InboxTab = 'priority' | 'all' | 'review';
