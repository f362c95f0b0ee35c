import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { ActionBuilderStage } from './stage';

export const actionBuilderRoute: ScreenRoute = {
  id: 'action-builder',
  title: () => __('Action builder', 'affiliate-agent'),
  access: 'manage',
  match: (segments) => (segments[0] === 'actions' && segments[1] ? { actionId: segments[1] } : null),
  Stage: ActionBuilderStage,
};
