import { pluginRequest, serviceRequest } from '../../lib/api-client';
import type { Agent, KnowledgeSetSummary } from '../../routes/agents/types';
import type { SiteSetupProgress } from './types';

export const getSiteProgress = () => pluginRequest<SiteSetupProgress>('/affiliate-agent/v1/setup');
export const markPlaygroundTried = () => pluginRequest<SiteSetupProgress>('/affiliate-agent/v1/setup/playground', { method: 'POST' });
export const listAgentsForSetup = async () => (await serviceRequest<{ agents: Agent[] }>('agents')).agents;
export const listSetsForSetup = async () => (await serviceRequest<{ knowledgeSets: KnowledgeSetSummary[] }>('knowledge/sets')).knowledgeSets;
