import { newId, nowIso } from '../core/ids';
import { NotFoundError } from '../core/errors';
import { parseOrThrow } from '../core/zod-issues';
import type { AgentRepository } from './agent-repository';
import { agentInputSchema, agentPatchSchema, type Agent } from './agent-types';

export function createAgentService({ agents }: { agents: AgentRepository }) {
  function get(id: string): Agent {
    const agent = agents.findById(id);
    if (!agent) throw new NotFoundError('Agent', id);
    return agent;
  }

  return {
    list: () => agents.list(),
    get,
    create(input: unknown): Agent {
      const settings = parseOrThrow(agentInputSchema, input, 'agent');
      const now = nowIso();
      const agent: Agent = { ...settings, id: newId('agt'), createdAt: now, updatedAt: now };
      agents.insert(agent);
      return agent;
    },
    update(id: string, patch: unknown): Agent {
      const current = get(id);
      const parsed = parseOrThrow(agentPatchSchema, patch, 'agent changes');
      // zod fills defaults even in a partial schema; keep only what the caller actually sent.
      const sent = new Set(Object.keys(patch as object));
      const changes = Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.has(key)));
      const merged = parseOrThrow(agentInputSchema, { ...current, ...changes, id: undefined, createdAt: undefined, updatedAt: undefined }, 'agent');
      const agent: Agent = { ...merged, id, createdAt: current.createdAt, updatedAt: nowIso() };
      agents.update(agent);
      return agent;
    },
    remove(id: string): void {
      if (!agents.remove(id)) throw new NotFoundError('Agent', id);
    },
  };
}
export type AgentService = ReturnType<typeof createAgentService>;
