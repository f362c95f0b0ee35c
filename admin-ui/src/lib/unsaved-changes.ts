import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Unsaved edits ask before they are lost, whichever way the owner leaves: closing or reloading the
 * tab (beforeunload, where the browser shows its own wording) or moving to another screen of the
 * app (a hash change, checked in lib/hash-route.ts before the screen changes).
 */
const guards = new Set<{ current: boolean }>();

export const leaveQuestion = () => __('You have unsaved changes. Leave this screen and lose them?', 'affiliate-agent');

/** True when nothing is unsaved, or the owner agreed to lose it. */
export function mayLeave(): boolean {
  if (![...guards].some((guard) => guard.current)) return true;
  return window.confirm(leaveQuestion());
}

/** Registers the screen's unsaved state; the ref is read at the moment of leaving, so a save that
 * navigates right away (a new agent) is not asked about. */
export function useLeaveGuard(isDirty: boolean): { markClean: () => void } {
  const guard = useRef({ current: isDirty });
  guard.current.current = isDirty;
  useEffect(() => {
    const entry = guard.current;
    guards.add(entry);
    const warn = (event: BeforeUnloadEvent) => {
      if (!entry.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      guards.delete(entry);
      window.removeEventListener('beforeunload', warn);
    };
  }, []);
  return { markClean: () => (guard.current.current = false) };
}
