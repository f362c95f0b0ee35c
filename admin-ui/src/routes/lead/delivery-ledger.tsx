import { Button, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import { getDeliveries, replayDelivery, replayEndpoint } from './api';
import type { Delivery } from './types';
import { TableHead } from '../../components/table-head';
import { TableScroll } from '../../components/table-scroll';

/** A webhook that failed because its endpoint was switched off (410 Gone): others likely wait with it. */
const failedAtDisabledEndpoint = (delivery: Delivery) =>
  Boolean(delivery.endpointUrl) && ['failed', 'dead'].includes(delivery.status) && /endpoint is disabled|410 Gone/.test(delivery.lastError ?? '');

/**
 * Every next step of this lead with its state; failed and dead ones can be sent again. Four columns,
 * the trigger, attempts and time as labelled lines under the step and status, so the remote answer
 * keeps room to read beside the lead page's side panel at 1280 px.
 */
export function DeliveryLedger({ leadId, refreshKey }: { leadId: string; refreshKey: string }) {
  const notify = useNotify();
  const { data: deliveries, isLoading, error, reload } = useRequest(() => getDeliveries(leadId), [leadId, refreshKey]);
  const [replaying, setReplaying] = useState<string | null>(null);
  if (isLoading && !deliveries) return <Spinner />;
  if (error) return <p role="alert">{error.message}</p>;
  if (!deliveries?.length) return <p className="aa-muted">{__('No next steps ran for this lead. Add steps to the action (AffiliateWP, webhook, email) to see them here.', 'affiliate-agent')}</p>;
  return (
    <>
      <TableScroll label={__('Next steps (delivery ledger)', 'affiliate-agent')}>
        <table className="widefat striped aa-table aa-ledger">
          <TableHead columns={[__('Step', 'affiliate-agent'), __('Status', 'affiliate-agent'), __('Last answer or error', 'affiliate-agent')]} actionsColumn />
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>
                  {delivery.label || delivery.stepId} <span className="aa-muted">({delivery.stepType})</span>
                  <dl className="aa-ledger__facts">
                    <dt>{__('Trigger', 'affiliate-agent')}</dt>
                    <dd>{delivery.trigger}</dd>
                  </dl>
                </td>
                <td>
                  <span className={`aa-chip is-${delivery.status}`}>{delivery.status}</span>
                  {delivery.nextAttemptAt ? <div className="aa-muted">{sprintf(__('next try %s', 'affiliate-agent'), new Date(delivery.nextAttemptAt).toLocaleTimeString())}</div> : null}
                  <dl className="aa-ledger__facts">
                    <dt>{__('Attempts', 'affiliate-agent')}</dt>
                    <dd>
                      {delivery.attempts}/{delivery.maxAttempts}
                    </dd>
                    <dt>{__('Updated', 'affiliate-agent')}</dt>
                    <dd>{new Date(delivery.updatedAt).toLocaleString()}</dd>
                  </dl>
                </td>
                <td className="aa-ledger__answer">
                  {delivery.lastError ? <span className="aa-error-text">{delivery.lastError}</span> : null}
                  {delivery.response ? (
                    <details>
                      <summary>{__('Remote answer', 'affiliate-agent')}</summary>
                      <pre className="aa-pre">{JSON.stringify(delivery.response, null, 2)}</pre>
                    </details>
                  ) : null}
                </td>
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
                  {failedAtDisabledEndpoint(delivery) ? (
                    <Button
                      variant="tertiary"
                      size="small"
                      isBusy={replaying === `${delivery.id}:endpoint`}
                      onClick={async () => {
                        setReplaying(`${delivery.id}:endpoint`);
                        try {
                          const { replayed, leads } = await replayEndpoint(leadId, delivery.id);
                          // Two counts, two plural choices: the sentence is joined from two translated halves.
                          /* translators: %d: number of deliveries queued again */
                          const deliveries = sprintf(_n('%d delivery', '%d deliveries', replayed, 'affiliate-agent'), replayed);
                          /* translators: %d: number of leads those deliveries belong to */
                          const forLeads = sprintf(_n('%d lead', '%d leads', leads, 'affiliate-agent'), leads);
                          /* translators: 1: "3 deliveries", 2: "2 leads" */
                          notify.success(sprintf(__('The endpoint is on again; %1$s for %2$s are queued.', 'affiliate-agent'), deliveries, forLeads));
                          await reload();
                        } catch (thrown) {
                          notify.failure(thrown);
                        } finally {
                          setReplaying(null);
                        }
                      }}
                    >
                      {__('Replay every delivery that failed at this endpoint', 'affiliate-agent')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Button variant="tertiary" onClick={() => reload()}>
        {__('Refresh', 'affiliate-agent')}
      </Button>
    </>
  );
}
