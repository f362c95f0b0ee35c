import type { ReactNode } from 'react';

export interface SafeLinkProps {
  /** A stored URL of any origin: a visitor's page or referrer, a website field, a knowledge source. */
  url: string | null | undefined;
  /** What the link says; defaults to the URL itself. */
  children?: ReactNode;
  /** Shown when there is no URL at all (an unsafe one is shown as its text instead). */
  fallback?: ReactNode;
}
