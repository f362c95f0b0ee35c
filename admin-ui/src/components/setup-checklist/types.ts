/** What the plugin's GET /affiliate-agent/v1/setup answers (Admin\Setup_Progress::report()). */
export interface SiteSetupProgress {
  block: { done: boolean; url: string };
  publish: { done: boolean; url: string; viewUrl: string | null };
  playground: { done: boolean };
}

export type SetupStepId = 'agent' | 'docs' | 'block' | 'playground' | 'publish';

export interface SetupStep {
  id: SetupStepId;
  title: string;
  description: string;
  isDone: boolean;
  link: { href: string; label: string };
}

export interface SetupChecklistProps {
  /** Render nothing once every step is done (the Agents screen); Settings keeps showing it. */
  hideWhenDone?: boolean;
}
