import { NoticeList, SnackbarList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

interface StoredNotice {
  id: string;
  type: string;
  status: string;
  content: string;
  isDismissible: boolean;
}

/** Renders the notices store: errors stay at the top until dismissed, successes pass as snackbars. */
export function AdminNotices() {
  const notices = useSelect((select) => (select(noticesStore) as { getNotices: () => StoredNotice[] }).getNotices(), []);
  const { removeNotice } = useDispatch(noticesStore);
  const standard = notices.filter((notice) => notice.type !== 'snackbar');
  const snackbars = notices.filter((notice) => notice.type === 'snackbar');
  return (
    <>
      <NoticeList className="aa-notices" notices={standard as never} onRemove={(id: string) => removeNotice(id)} />
      <SnackbarList className="aa-snackbars" notices={snackbars as never} onRemove={(id: string) => removeNotice(id)} />
    </>
  );
}
