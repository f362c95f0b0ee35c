export { EmptyState } from './component';
export type { EmptyStateProps } from './types';
