import { __ } from '@wordpress/i18n';
import type { ScreenRoute } from '../route-types';
import { SettingsStage } from './stage';

export const settingsRoute: ScreenRoute = {
  id: 'settings',
  title: () => __('Settings', 'affiliate-agent'),
  navPath: '/settings',
  access: 'manage',
  match: (segments) => (segments[0] === 'settings' ? {} : null),
  Stage: SettingsStage,
};
