import { safeHttpUrl } from '../../../../server/src/contract/safe-url';
import type { SafeLinkProps } from './types';

/**
 * The only way the admin app turns a stored URL into a link. Stored URLs come from visitors,
 * post authors and remote sites, so a `javascript:` or `data:` value must never become an
 * `href` in wp-admin (one click by an administrator would run it with their nonces): only
 * absolute http(s) URLs link, in a new tab without opener or referrer; anything else is shown
 * as plain text, so a reviewer still sees what was sent.
 */
export function SafeLink({ url, children, fallback = '—' }: SafeLinkProps) {
  if (url === null || url === undefined || url === '') return <>{fallback}</>;
  const href = safeHttpUrl(url);
  if (!href) return <span className="aa-unsafe-url">{children ?? url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children ?? url}
    </a>
  );
}
