import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { FunnelStage } from './stage';

/** Owners and affiliate managers alike (the service accepts either capability). */
export const funnelRoute: ScreenRoute = {
  id: 'funnel',
  title: () => __('Funnel', 'affiliate-agent'),
  navPath: '/funnel',
  access: 'review',
  match: (segments): Record<string, string> | null => (segments[0] === 'funnel' ? (segments[1] ? { agentId: segments[1] } : {}) : null),
  Stage: FunnelStage,
};
