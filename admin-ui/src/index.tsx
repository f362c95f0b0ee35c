import { createRoot } from '@wordpress/element';
import { AppShell } from './components/app-shell';
import { adminConfig } from './lib/admin-config';
import { SCREEN_ROUTES } from './routes';
import './style.scss';

/** Mounts the admin app into the plugin's page (`<div id="affiliate-agent-admin">`). */
function mount(): void {
  const container = document.getElementById('affiliate-agent-admin');
  if (!container) return;
  createRoot(container).render(<AppShell config={adminConfig()} routes={SCREEN_ROUTES} />);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
