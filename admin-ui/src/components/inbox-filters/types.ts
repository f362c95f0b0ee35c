import type { ServiceLeadFilters } from '../../lib/service-types';

/** The filters this bar edits (route and sort are the inbox's tabs and column headers). */
export type InboxFilterValues = Pick<ServiceLeadFilters, 'status' | 'tag' | 'agentId' | 'from' | 'to' | 'q'>;

export interface InboxFiltersProps {
  values: InboxFilterValues;
  agents: Array<{ id: string; name: string }>;
  onChange: (values: InboxFilterValues) => void;
  /** Wait after typing in the search and tag boxes before filtering. */
  debounceMs?: number;
}
