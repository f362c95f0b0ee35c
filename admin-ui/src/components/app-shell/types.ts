import type { AdminConfig } from '../../lib/admin-config';
import type { ScreenRoute } from '../../routes/route-types';

export interface AppShellProps {
  config: AdminConfig;
  routes: ScreenRoute[];
}
