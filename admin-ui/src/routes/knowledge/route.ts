import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { KnowledgeStage } from './stage';

export const knowledgeRoute: ScreenRoute = {
  id: 'knowledge',
  title: () => __('Knowledge', 'affiliate-agent'),
  navPath: '/knowledge',
  access: 'manage',
  match: (segments) => (segments[0] === 'knowledge' ? {} : null),
  Stage: KnowledgeStage,
};
