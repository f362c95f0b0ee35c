import { Notice } from '@wordpress/components';
import { useRegistry } from '@wordpress/data';
import { useEffect } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { navigate, useHashLocation } from '../../lib/hash-route';
import { clearStandingNotices } from '../../lib/notify';
import { AdminNotices } from '../admin-notices';
import type { AppShellProps } from './types';

/**
 * The page frame: title, navigation as wp-admin's own nav tabs, notices, and the screen the hash
 * points to. Reviewers without the manage capability only ever get the Leads screens.
 */
export function AppShell({ config, routes }: AppShellProps) {
  const location = useHashLocation();
  const allowed = routes.filter((route) => route.access === 'review' ? config.canReview || config.canManage : config.canManage);
  const home = allowed.find((route) => route.navPath)?.navPath ?? '/leads';
  let current = null as null | { route: (typeof routes)[number]; params: Record<string, string> };
  for (const route of allowed) {
    const params = route.match(location.segments);
    if (params) {
      current = { route, params };
      break;
    }
  }
  const isForbidden = !current && routes.some((route) => route.match(location.segments));
  useEffect(() => {
    if (location.segments.length === 0) navigate(home);
  }, [location.segments.length, home]);
  // Notices belong to the screen that raised them: a new screen starts without the last one's errors.
  const registry = useRegistry();
  const screenPath = location.segments.join('/');
  useEffect(() => {
    clearStandingNotices(registry as never);
  }, [screenPath, registry]);
  // The title follows the route, not the params: a new lead id on the same screen keeps the title.
  const screenTitle = current?.route.title();
  useEffect(() => {
    if (screenTitle) document.title = `${screenTitle} ‹ ${__('Affiliate Agent', 'affiliate-agent')}`;
  }, [screenTitle]);

  if (!config.canManage && !config.canReview) {
    return (
      <div className="aa-app">
        <Notice status="error" isDismissible={false}>
          {__('You do not have permission to use Affiliate Agent. Ask an administrator for the “Manage agents” or “Review leads” capability.', 'affiliate-agent')}
        </Notice>
      </div>
    );
  }
  const Stage = current?.route.Stage;
  return (
    <div className="aa-app">
      <h1 className="wp-heading-inline">{__('Affiliate Agent', 'affiliate-agent')}</h1>
      <nav className="nav-tab-wrapper aa-nav" aria-label={__('Affiliate Agent sections', 'affiliate-agent')}>
        {allowed
          .filter((route) => route.navPath)
          .map((route) => {
            const isActive = current?.route.navPath === route.navPath || (current && route.navPath && `/${location.segments[0]}` === route.navPath);
            return (
              <a
                key={route.id}
                href={`#${route.navPath}`}
                className={`nav-tab${isActive ? ' nav-tab-active' : ''}`}
                aria-current={isActive ? 'page' : undefined}
              >
                {route.title()}
              </a>
            );
          })}
      </nav>
      <AdminNotices />
      <main className="aa-stage">
        {Stage && current ? (
          // A new path is a new screen instance, so one action's unsaved edits never leak into the next.
          <Stage key={location.segments.join('/')} params={current.params} query={location.query} />
        ) : isForbidden ? (
          <Notice status="warning" isDismissible={false}>
            {__('This screen is for people who manage agents. You can work with leads in the Leads section.', 'affiliate-agent')}{' '}
            <a href="#/leads">{__('Go to Leads', 'affiliate-agent')}</a>
          </Notice>
        ) : location.segments.length ? (
          <Notice status="warning" isDismissible={false}>
            {__('There is no such screen.', 'affiliate-agent')} <a href={`#${home}`}>{__('Go back', 'affiliate-agent')}</a>
          </Notice>
        ) : null}
      </main>
    </div>
  );
}
