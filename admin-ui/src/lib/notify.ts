import { useDispatch } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import { useCallback, useMemo } from '@wordpress/element';
import { toApiError } from './api-client';

/** Feedback through the notices store: successes as snackbars, failures as dismissible notices. */
export function useNotify() {
  const { createSuccessNotice, createErrorNotice } = useDispatch(noticesStore);
  const success = useCallback((message: string) => createSuccessNotice(message, { type: 'snackbar' }), [createSuccessNotice]);
  const failure = useCallback(
    (thrown: unknown) => {
      const error = toApiError(thrown);
      createErrorNotice(error.message, { isDismissible: true, id: `affiliate-agent-${error.code}` });
    },
    [createErrorNotice],
  );
  return useMemo(() => ({ success, failure }), [success, failure]);
}
