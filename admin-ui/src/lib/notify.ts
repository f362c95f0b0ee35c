import { useDispatch, useRegistry } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import { useCallback, useMemo } from '@wordpress/element';
import { toApiError } from './api-client';

interface StoredNotice {
  id: string;
  type: string;
  status: string;
}

/** Removes the screen's standing notices (errors, warnings); snackbars pass by themselves. */
export function clearStandingNotices(registry: { select: (store: typeof noticesStore) => unknown; dispatch: (store: typeof noticesStore) => unknown }): void {
  const notices = (registry.select(noticesStore) as { getNotices: () => StoredNotice[] }).getNotices();
  const { removeNotice } = registry.dispatch(noticesStore) as { removeNotice: (id: string) => void };
  for (const notice of notices) if (notice.type !== 'snackbar') removeNotice(notice.id);
}

/**
 * Feedback through the notices store: successes as snackbars, failures as dismissible notices. A
 * success clears the failures before it: an error that a retry fixed must not stay on screen.
 */
export function useNotify() {
  const registry = useRegistry();
  const { createSuccessNotice, createErrorNotice } = useDispatch(noticesStore);
  const success = useCallback(
    (message: string) => {
      clearStandingNotices(registry as never);
      return createSuccessNotice(message, { type: 'snackbar' });
    },
    [createSuccessNotice, registry],
  );
  const failure = useCallback(
    (thrown: unknown) => {
      const error = toApiError(thrown);
      createErrorNotice(error.message, { isDismissible: true, id: `affiliate-agent-${error.code}` });
    },
    [createErrorNotice],
  );
  return useMemo(() => ({ success, failure }), [success, failure]);
}
