import { Button, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import { getDeliveries, replayDelivery } from './api';
import { TableHead } from '../../components/table-head';

/** Every next step of this lead with its state; failed and dead ones can be sent again. */
export function DeliveryLedger({ leadId, refreshKey }: { leadId: string; refreshKey: string }) {
  const notify = useNotify();
  const { data: deliveries, isLoading, error, reload } = useRequest(() => getDeliveries(leadId), [leadId, refreshKey]);
  const [replaying, setReplaying] = useState<string | null>(null);
  if (isLoading && !deliveries) return <Spinner />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!deliveries?.length) return <p className="aa-muted">{__('No next steps ran for this lead. Add steps to the action (AffiliateWP, webhook, email) to see them here.', 'affiliate-agent')}</p>;
  return (
    <>
      <table className="widefat striped aa-table">
        <TableHead columns={[__('Step', 'affiliate-agent'), __('Trigger', 'affiliate-agent'), __('Status', 'affiliate-agent'), __('Attempts', 'affiliate-agent'), __('Last answer or error', 'affiliate-agent'), __('Updated', 'affiliate-agent')]} actionsColumn />
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td>
                {delivery.label || delivery.stepId} <span className="aa-muted">({delivery.stepType})</span>
              </td>
              <td>{delivery.trigger}</td>
              <td>
                <span className={`aa-chip is-${delivery.status}`}>{delivery.status}</span>
                {delivery.nextAttemptAt ? <div className="aa-muted">{sprintf(__('next try %s', 'affiliate-agent'), new Date(delivery.nextAttemptAt).toLocaleTimeString())}</div> : null}
              </td>
              <td>
                {delivery.attempts}/{delivery.maxAttempts}
              </td>
              <td>
                {delivery.lastError ? <span className="aa-error-text">{delivery.lastError}</span> : null}
                {delivery.response ? (
                  <details>
                    <summary>{__('Remote answer', 'affiliate-agent')}</summary>
                    <pre className="aa-pre">{JSON.stringify(delivery.response, null, 2)}</pre>
                  </details>
                ) : null}
              </td>
              <td>{new Date(delivery.updatedAt).toLocaleString()}</td>
              <td>
                {delivery.replayable ? (
                  <Button
                    variant="secondary"
                    size="small"
                    isBusy={replaying === delivery.id}
                    onClick={async () => {
                      setReplaying(delivery.id);
                      try {
                        await replayDelivery(leadId, delivery.id);
                        notify.success(__('The step is queued again.', 'affiliate-agent'));
                        await reload();
                      } catch (thrown) {
                        notify.failure(thrown);
                      } finally {
                        setReplaying(null);
                      }
                    }}
                  >
                    {sprintf(__('Replay %s', 'affiliate-agent'), delivery.label || delivery.stepId)}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button variant="tertiary" onClick={() => reload()}>
        {__('Refresh', 'affiliate-agent')}
      </Button>
    </>
  );
}
