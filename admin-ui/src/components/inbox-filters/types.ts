import type { LeadStatus } from '../../lib/service-types';

export interface InboxFilterValues {
  status?: LeadStatus;
  tag?: string;
  agentId?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface InboxFiltersProps {
  values: InboxFilterValues;
  agents: Array<{ id: string; name: string }>;
  onChange: (values: InboxFilterValues) => void;
  /** Wait after typing in the search and tag boxes before filtering. */
  debounceMs?: number;
}
