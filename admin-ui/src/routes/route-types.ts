import type { ComponentType } from 'react';

export interface StageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

/** One screen: where it lives in the hash, who may open it, and what it renders. */
export interface ScreenRoute {
  id: string;
  title: () => string;
  /** Set for screens that appear in the navigation. */
  navPath?: string;
  /** `manage` needs aa_manage_agents; `review` screens are open to lead reviewers too. */
  access: 'manage' | 'review';
  match: (segments: string[]) => Record<string, string> | null;
  Stage: ComponentType<StageProps>;
}
