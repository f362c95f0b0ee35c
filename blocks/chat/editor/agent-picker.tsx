/** @jsxImportSource . */
import apiFetch from '@wordpress/api-fetch';
import { Button, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { AgentDisplay } from './agent-appearance';

export type AgentSummary = AgentDisplay;

type LoadState = { status: 'loading' } | { status: 'ready'; agents: AgentSummary[] } | { status: 'error'; message: string };

export interface AgentPickerProps {
  value: string;
  onChange: (agentId: string) => void;
  /** Hands the loaded list (with display fields) to the block, for its preview. */
  onAgents?: (agents: AgentSummary[]) => void;
}

/**
 * The plugin's route for block editors (edit_posts): the service's agent list with display
 * fields only — the same fields render.php uses, so the preview matches the front end.
 */
export const AGENTS_PATH = '/affiliate-agent/v1/block-agents';

function agentsFrom(response: unknown): AgentSummary[] {
  const list = Array.isArray(response) ? response : (response as { agents?: unknown })?.agents;
  if (!Array.isArray(list)) return [];
  return list
    .filter((agent): agent is AgentSummary => !!agent && typeof agent.id === 'string')
    .map((agent) => ({ ...agent, name: typeof agent.name === 'string' && agent.name ? agent.name : agent.id }));
}

/**
 * Chooses the agent the block talks to. When the service is not connected (or unreachable)
 * the editor still works: a notice explains why, and the agent id can be typed by hand.
 */
export function AgentPicker({ value, onChange, onAgents }: AgentPickerProps) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The latest callback, without reloading the list each time the block re-renders.
  const onAgentsRef = useRef(onAgents);
  onAgentsRef.current = onAgents;

  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    apiFetch({ path: AGENTS_PATH })
      .then((response) => {
        if (!isCurrent) return;
        const agents = agentsFrom(response);
        setState({ status: 'ready', agents });
        onAgentsRef.current?.(agents);
      })
      .catch((error: { message?: string }) => isCurrent && setState({ status: 'error', message: error?.message ?? '' }));
    return () => {
      isCurrent = false;
    };
  }, [attempt]);

  if (state.status === 'loading') {
    return (
      <p className="wp-block-affiliate-agent-chat__picker-loading">
        <Spinner /> {__('Loading agents…', 'affiliate-agent')}
      </p>
    );
  }

  if (state.status === 'error') {
    return (
      <div className="wp-block-affiliate-agent-chat__picker">
        <Notice status="warning" isDismissible={false}>
          {state.message
            ? sprintf(
                /* translators: %s: the error message from the service or WordPress. */
                __('Could not load the agents: %s Check the connection in Settings → Affiliate Agent.', 'affiliate-agent'),
                state.message,
              )
            : __('Could not load the agents. Check the connection in Settings → Affiliate Agent.', 'affiliate-agent')}
        </Notice>
        <Button variant="secondary" onClick={() => setAttempt((count) => count + 1)}>
          {__('Try again', 'affiliate-agent')}
        </Button>
        <TextControl
          __nextHasNoMarginBottom
          __next40pxDefaultSize
          label={__('Agent ID', 'affiliate-agent')}
          help={__('Paste the agent ID (agt_…) from the Affiliate Agent screen.', 'affiliate-agent')}
          value={value}
          onChange={(next: string) => onChange(next.trim())}
        />
      </div>
    );
  }

  if (state.agents.length === 0) {
    return (
      <Notice status="info" isDismissible={false}>
        {__('No agents yet. Create one in Affiliate Agent → Agents.', 'affiliate-agent')}
      </Notice>
    );
  }

  const isKnown = state.agents.some((agent) => agent.id === value);
  return (
    <SelectControl
      __nextHasNoMarginBottom
      __next40pxDefaultSize
      label={__('Agent', 'affiliate-agent')}
      value={isKnown ? value : ''}
      onChange={(next: string) => onChange(next)}
      options={[
        { value: '', label: __('Choose an agent…', 'affiliate-agent'), disabled: true },
        ...state.agents.map((agent) => ({
          value: agent.id,
          label: agent.enabled === false ? sprintf(/* translators: %s: agent name. */ __('%s (disabled)', 'affiliate-agent'), agent.name) : agent.name,
        })),
      ]}
    />
  );
}
