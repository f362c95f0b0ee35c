import { serviceRequest } from '../../lib/api-client';
import type { Agent } from '../../lib/service-types';
import type { UsageReport } from './types';

export const listAgents = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;

export const getUsage = async (agentId: string, range: { from?: string; to?: string } = {}) =>
  (await serviceRequest<{ usage: UsageReport }>('usage', { query: { agentId, ...range } })).usage;
