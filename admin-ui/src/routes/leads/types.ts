import type { Lead, LeadStatus, Route } from '../../lib/service-types';

export type { Lead, LeadStatus };

export type LeadSort = 'newest' | 'oldest' | 'score';

export interface LeadFilters {
  route?: Route;
  status?: LeadStatus;
  tag?: string;
  agentId?: string;
  from?: string;
  to?: string;
  q?: string;
  sort: LeadSort;
}

export interface LeadPage {
  items: Lead[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
}

export type InboxTab = 'priority' | 'all' | 'review';
