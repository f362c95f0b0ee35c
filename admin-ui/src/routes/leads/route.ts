import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { LeadsStage } from './stage';

export const leadsRoute: ScreenRoute = {
  id: 'leads',
  title: () => __('Leads', 'affiliate-agent'),
  navPath: '/leads',
  access: 'review',
  match: (segments) => (segments[0] === 'leads' && segments.length === 1 ? {} : null),
  Stage: LeadsStage,
};
