import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { LeadStage } from './stage';

export const leadRoute: ScreenRoute = {
  id: 'lead',
  title: () => __('Lead', 'affiliate-agent'),
  access: 'review',
  match: (segments) => (segments[0] === 'leads' && segments[1] ? { leadId: segments[1] } : null),
  Stage: LeadStage,
};
