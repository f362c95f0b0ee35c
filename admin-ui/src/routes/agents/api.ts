import { serviceRequest } from '../../lib/api-client';
import type { ActionDefinition, ActionTemplate, ActionView, Agent, AgentInput, KnowledgeSetSummary } from './types';

const agentPath = (id: string) => `agents/${encodeURIComponent(id)}`;

export const listAgents = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;
export const getAgent = async (id: string) => (await serviceRequest<{ agent: Agent }>(agentPath(id))).agent;
export const createAgent = async (input: Partial<AgentInput>) => (await serviceRequest<{ agent: Agent }>('agents', { method: 'POST', data: input })).agent;
export const updateAgent = async (id: string, patch: Partial<AgentInput>) => (await serviceRequest<{ agent: Agent }>(agentPath(id), { method: 'PATCH', data: patch })).agent;
export const deleteAgent = (id: string) => serviceRequest<void>(agentPath(id), { method: 'DELETE' });

export const listActions = async (agentId: string) => (await serviceRequest<{ actions: ActionView[] }>(`${agentPath(agentId)}/actions`)).actions;
export const createAction = async (agentId: string, body: { template: string; key?: string } | { definition: ActionDefinition }) =>
  (await serviceRequest<{ action: ActionView }>(`${agentPath(agentId)}/actions`, { method: 'POST', data: body })).action;
export const listTemplates = async () => (await serviceRequest<{ templates: ActionTemplate[] }>('action-templates')).templates;

export const listKnowledgeSets = async () => (await serviceRequest<{ knowledgeSets: KnowledgeSetSummary[] }>('knowledge/sets')).knowledgeSets;
