import type { ReactNode } from 'react';

export interface TableScrollProps {
  /** Names the scroll region for screen readers, e.g. the card's heading. */
  label: string;
  /** Extra class for the scroll area (e.g. a height limit). */
  className?: string;
  children: ReactNode;
}
