import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { AgentsStage } from './stage';

export const agentsRoute: ScreenRoute = {
  id: 'agents',
  title: () => __('Agents', 'affiliate-agent'),
  navPath: '/agents',
  access: 'manage',
  match: (segments): Record<string, string> | null => (segments[0] === 'agents' ? (segments[1] ? { agentId: segments[1] } : {}) : null),
  Stage: AgentsStage,
};
