import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What to do next, in one or two sentences. */
  children: ReactNode;
  action?: ReactNode;
}
