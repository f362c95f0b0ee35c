import type { StageProps } from '../route-types';
import { AgentEditor } from './agent-editor';
import { AgentList } from './agent-list';
import './style.scss';

/** #/agents lists them, #/agents/new creates one, #/agents/<id> edits one with its actions. */
export function AgentsStage({ params }: StageProps) {
  if (!params.agentId) return <AgentList />;
  return <AgentEditor key={params.agentId} agentId={params.agentId === 'new' ? undefined : params.agentId} />;
}
