import type { ActionDefinition } from './action-definition';

/** What the action builder reads: `GET /v1/actions/:id` and its versions. */
export interface ActionVersion {
  actionId: string;
  version: number;
  definition: ActionDefinition;
  createdAt: string;
  createdBy: number | null;
  publishedAt: string | null;
  restoredFrom: number | null;
}

export interface ActionView {
  id: string;
  agentId: string;
  key: string;
  status: 'draft' | 'published' | 'published-with-draft';
  publishedVersion: number | null;
  draftVersion: number | null;
  draft: ActionVersion | null;
  published: ActionVersion | null;
  createdAt: string;
  updatedAt: string;
}
