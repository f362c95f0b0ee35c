import { Button, Modal, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { DefinitionDiff } from '../../components/definition-diff';
import { useRequest } from '../../lib/use-request';
import { listVersions } from './api';
import type { ActionDefinition, ActionView } from './types';
import { TableHead } from '../../components/table-head';
import { TableScroll } from '../../components/table-scroll';

interface VersionHistoryProps {
  action: ActionView;
  current: ActionDefinition;
  onRestore: (version: number) => Promise<void>;
}

/** Every saved version; compare any of them with what is in the editor, and restore one as the draft. */
export function VersionHistory({ action, current, onRestore }: VersionHistoryProps) {
  const { data: versions, isLoading, error } = useRequest(() => listVersions(action.id), [action.id, action.updatedAt]);
  const [comparing, setComparing] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  if (isLoading && !versions) return <Spinner />;
  if (error) return <p role="alert">{error.message}</p>;
  const compared = versions?.find((version) => version.version === comparing);
  return (
    <>
      <TableScroll label={__('History', 'affiliate-agent')}>
        <table className="widefat striped aa-table">
          <TableHead columns={[__('Version', 'affiliate-agent'), __('Saved', 'affiliate-agent'), __('State', 'affiliate-agent'), __('Actions', 'affiliate-agent')]} />
          <tbody>
            {(versions ?? []).map((version) => {
              const isLive = version.version === action.publishedVersion;
              const isDraft = version.version === action.draftVersion;
              return (
                <tr key={version.version}>
                  <td>v{version.version}</td>
                  <td>{new Date(version.createdAt).toLocaleString()}</td>
                  <td>
                    {isLive ? <span className="aa-chip is-live">{__('Live', 'affiliate-agent')}</span> : null}
                    {isDraft ? <span className="aa-chip">{__('Draft', 'affiliate-agent')}</span> : null}
                    {version.publishedAt && !isLive ? <span className="aa-muted">{sprintf(__('published %s', 'affiliate-agent'), new Date(version.publishedAt).toLocaleDateString())}</span> : null}
                    {version.restoredFrom ? <span className="aa-muted"> {sprintf(__('restored from v%d', 'affiliate-agent'), version.restoredFrom)}</span> : null}
                  </td>
                  <td>
                    <Button variant="link" onClick={() => setComparing(version.version)}>
                      {sprintf(__('Compare v%d with the editor', 'affiliate-agent'), version.version)}
                    </Button>{' '}
                    {!isDraft ? (
                      <Button
                        variant="secondary"
                        size="small"
                        isBusy={restoring === version.version}
                        onClick={async () => {
                          setRestoring(version.version);
                          try {
                            await onRestore(version.version);
                          } finally {
                            setRestoring(null);
                          }
                        }}
                      >
                        {sprintf(__('Restore v%d as draft', 'affiliate-agent'), version.version)}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {compared ? (
        <Modal title={sprintf(__('Changes from v%d to the editor', 'affiliate-agent'), compared.version)} onRequestClose={() => setComparing(null)} size="large">
          <DefinitionDiff before={compared.definition} after={current} beforeLabel={sprintf(__('v%d', 'affiliate-agent'), compared.version)} afterLabel={__('Editor', 'affiliate-agent')} />
        </Modal>
      ) : null}
    </>
  );
}
