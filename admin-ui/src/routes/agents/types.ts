import type { ActionDefinition, ActionView, Agent, AgentInput } from '../../lib/service-types';

export type { ActionDefinition, ActionView, Agent, AgentInput };

export interface ActionTemplate {
  key: string;
  name: string;
  description: string;
  definition: ActionDefinition;
}

export interface KnowledgeSetSummary {
  id: string;
  name: string;
  sourceCount: number;
  chunkCount: number;
}
