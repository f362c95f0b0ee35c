import { NoticeList, SnackbarList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useEffect, useRef } from '@wordpress/element';
import { store as noticesStore } from '@wordpress/notices';
import { useSnackbarSpace } from './snackbar-space';

interface StoredNotice {
  id: string;
  type: string;
  status: string;
  content: string;
  isDismissible: boolean;
}

/** As in the block editor: the newest three snackbars show; older ones are let go rather than queued. */
export const MAX_SNACKBARS = 3;

/**
 * Renders the notices store: errors stay at the top until dismissed, successes pass as snackbars
 * (each leaves by itself after a few seconds, or at a click). The snackbars float at the bottom-left
 * of the content area, and the page keeps their height free below its content and in its scroll
 * padding, so whatever they float over can always be scrolled, or tabbed, out from under them.
 */
export function AdminNotices() {
  const notices = useSelect((select) => (select(noticesStore) as { getNotices: () => StoredNotice[] }).getNotices(), []);
  const { removeNotice } = useDispatch(noticesStore);
  const standard = notices.filter((notice) => notice.type !== 'snackbar');
  const snackbars = notices.filter((notice) => notice.type === 'snackbar');
  const shown = snackbars.slice(-MAX_SNACKBARS);
  const dropped = snackbars.slice(0, -MAX_SNACKBARS).map((notice) => notice.id).join(' ');
  useEffect(() => {
    for (const id of dropped ? dropped.split(' ') : []) removeNotice(id);
  }, [dropped, removeNotice]);
  const dock = useRef<HTMLDivElement>(null);
  useSnackbarSpace(dock, shown.length);
  return (
    <>
      <NoticeList className="aa-notices" notices={standard as never} onRemove={(id: string) => removeNotice(id)} />
      <div className="aa-snackbars" ref={dock}>
        <SnackbarList notices={shown as never} onRemove={(id: string) => removeNotice(id)} />
      </div>
    </>
  );
}
