import { useEffect, useState } from '@wordpress/element';
import { mayLeave } from './unsaved-changes';

/** Hash routing (#/leads/lead_1?tab=x) keeps wp-admin's own page URL and works without server rewrites. */
export interface HashLocation {
  segments: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): HashLocation {
  const trimmed = hash.replace(/^#\/?/, '');
  const [path, query = ''] = trimmed.split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('#') ? path : `#${path.startsWith('/') ? path : `/${path}`}`;
}

export function useHashLocation(): HashLocation {
  const [location, setLocation] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    let current = window.location.href;
    const onChange = () => {
      // A screen with unsaved edits asks first; staying puts the address back without a new hashchange.
      if (!mayLeave()) {
        window.history.replaceState(window.history.state, '', current);
        return;
      }
      current = window.location.href;
      setLocation(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return location;
}
