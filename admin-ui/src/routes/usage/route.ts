import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { UsageStage } from './stage';

export const usageRoute: ScreenRoute = {
  id: 'usage',
  title: () => __('Usage', 'affiliate-agent'),
  navPath: '/usage',
  access: 'manage',
  match: (segments): Record<string, string> | null => (segments[0] === 'usage' ? (segments[1] ? { agentId: segments[1] } : {}) : null),
  Stage: UsageStage,
};
