export { InboxFilters, statusLabels } from './component';
export type { InboxFilterValues, InboxFiltersProps } from './types';
