import { useCallback, useState } from '@wordpress/element';
import { toApiError } from './api-client';
import type { FieldIssue } from './field-issues';
import { useNotify } from './notify';

interface SaveOptions<Result> {
  /** Takes the saved copy the service answered with (the screen shows what was stored, not what was sent). */
  onSaved: (result: Result) => void;
  success: string | ((result: Result) => string);
  /** The notice for a refused save; by default the service's own message. */
  failureNotice?: (issues: FieldIssue[], thrown: unknown) => unknown;
}

/**
 * One save button's life: busy while the request runs, the field issues of a refused save kept for
 * the inputs to show, a snackbar on success (which also clears the notices of earlier failures) and
 * a dismissible notice on failure. Every editing screen saves this way, so they all behave alike.
 */
export function useSave() {
  const notify = useNotify();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [isSaving, setIsSaving] = useState(false);

  const save = useCallback(
    async <Result>(request: () => Promise<Result>, { onSaved, success, failureNotice }: SaveOptions<Result>): Promise<boolean> => {
      setIsSaving(true);
      try {
        const result = await request();
        onSaved(result);
        setIssues([]);
        notify.success(typeof success === 'function' ? success(result) : success);
        return true;
      } catch (thrown) {
        const failure = toApiError(thrown);
        setIssues(failure.issues);
        notify.failure(failureNotice ? failureNotice(failure.issues, thrown) : failure);
        return false;
      } finally {
        setIsSaving(false);
      }
    },
    [notify],
  );

  return { save, isSaving, issues, setIssues };
}
