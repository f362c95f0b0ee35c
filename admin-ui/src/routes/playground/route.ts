import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { PlaygroundStage } from './stage';

export const playgroundRoute: ScreenRoute = {
  id: 'playground',
  title: () => __('Playground', 'affiliate-agent'),
  navPath: '/playground',
  access: 'manage',
  match: (segments): Record<string, string> | null => (segments[0] === 'playground' ? (segments[1] ? { agentId: segments[1] } : {}) : null),
  Stage: PlaygroundStage,
};
