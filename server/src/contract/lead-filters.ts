import type { Route } from './action-definition';
import type { LeadStatus } from './lead-types';

/** The inbox's filters: `GET /v1/leads` query, as the admin app builds it. */
export interface LeadFilters {
  route?: Route;
  status?: LeadStatus;
  tag?: string;
  agentId?: string;
  from?: string;
  to?: string;
  q?: string;
  sort: 'newest' | 'oldest' | 'score';
  limit: number;
  cursor?: { sortValue: string | number; id: string };
}
