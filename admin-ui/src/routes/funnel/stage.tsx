import { Button, Card, CardBody, CardHeader, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { formatNumber } from '../../lib/format-number';
import { navigate } from '../../lib/hash-route';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import type { StageProps } from '../route-types';
import { exportFunnelCsv, getFunnel, listAgents, type FunnelFilters } from './api';
import { FunnelSteps } from './funnel-steps';
import type { FunnelGroupBy, FunnelReport } from './types';
import { downloadBlob } from '../../lib/download-blob';
import { TableScroll } from '../../components/table-scroll';

const groupByOptions = () => [
  { value: '', label: __('No split', 'affiliate-agent') },
  { value: 'page', label: __('Page', 'affiliate-agent') },
  { value: 'utm_source', label: __('UTM source', 'affiliate-agent') },
  { value: 'action_version', label: __('Action version', 'affiliate-agent') },
];

/** Recruitment funnel: conversations → application started → each field answered → submitted → approved. */
export function FunnelStage({ params }: StageProps) {
  const notify = useNotify();
  const { data: agents, isLoading: isLoadingAgents } = useRequest(listAgents, []);
  const agentId = params.agentId ?? agents?.[0]?.id;
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [groupBy, setGroupBy] = useState<FunnelGroupBy | ''>('');
  const filters: FunnelFilters | null = agentId ? { agentId, ...range, ...(groupBy ? { groupBy } : {}) } : null;
  const { data: funnel, isLoading, error } = useRequest(() => (filters ? getFunnel(filters) : Promise.resolve(null)), [agentId, range.from, range.to, groupBy]);

  const download = async () => {
    if (!filters) return;
    try {
      downloadBlob(await exportFunnelCsv(filters), funnel ? `funnel-${funnel.from}-${funnel.to}.csv` : 'funnel.csv');
    } catch (thrown) {
      notify.failure(thrown);
    }
  };

  if (isLoadingAgents && !agents) return <Spinner />;
  if (!agents?.length) return <EmptyState title={__('No funnel yet', 'affiliate-agent')}>{__('Create an agent; its visitors’ conversations and applications are counted here.', 'affiliate-agent')}</EmptyState>;
  return (
    <div className="aa-funnel">
      <div className="aa-toolbar">
        <SelectControl __nextHasNoMarginBottom label={__('Agent', 'affiliate-agent')} value={agentId} options={agents.map((agent) => ({ value: agent.id, label: agent.name }))} onChange={(next: string) => navigate(`/funnel/${next}`)} />
        <TextControl __nextHasNoMarginBottom type="date" label={__('From', 'affiliate-agent')} value={range.from ?? ''} onChange={(from: string) => setRange((previous) => ({ ...previous, from: from || undefined }))} />
        <TextControl __nextHasNoMarginBottom type="date" label={__('To', 'affiliate-agent')} value={range.to ?? ''} onChange={(to: string) => setRange((previous) => ({ ...previous, to: to || undefined }))} />
        <SelectControl __nextHasNoMarginBottom label={__('Split by', 'affiliate-agent')} value={groupBy} options={groupByOptions()} onChange={(next: string) => setGroupBy(next as FunnelGroupBy | '')} />
        <Button variant="secondary" onClick={() => void download()} disabled={!funnel}>
          {__('Download CSV', 'affiliate-agent')}
        </Button>
      </div>
      {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
      {isLoading && !funnel ? <Spinner /> : null}
      {funnel ? <FunnelReportView funnel={funnel} /> : null}
    </div>
  );
}

function FunnelReportView({ funnel }: { funnel: FunnelReport }) {
  const { total } = funnel;
  return (
    <>
      <Card className="aa-card">
        <CardHeader>
          <h3>{sprintf(__('Visitors’ conversations started %1$s to %2$s', 'affiliate-agent'), funnel.from, funnel.to)}</h3>
        </CardHeader>
        <CardBody>
          <p className="aa-funnel__summary" role="status">
            {sprintf(
              _n('%1$s conversation, %2$s submitted, %3$s approved.', '%1$s conversations, %2$s submitted, %3$s approved.', total.conversations, 'affiliate-agent'),
              formatNumber(total.conversations),
              formatNumber(total.submitted),
              formatNumber(total.approved),
            )}
          </p>
          <FunnelSteps counts={total} />
          <p className="aa-muted aa-funnel__definition">
            {__('A conversation counts on the day it started; its later steps count with it. “Answered” means the visitor gave that field an answer; “left here” counts who reached the step before but not this one. Playground tests are not counted. Days are in UTC.', 'affiliate-agent')}
          </p>
          <p className="aa-muted aa-funnel__referral">
            {sprintf(__('First referral: not available. %s', 'affiliate-agent'), __('AffiliateWP referral counts are not read by this plugin yet, so they are not shown or estimated.', 'affiliate-agent'))}
          </p>
        </CardBody>
      </Card>
      {funnel.groupBy ? <FunnelGroupsTable funnel={funnel} /> : null}
    </>
  );
}

function FunnelGroupsTable({ funnel }: { funnel: FunnelReport }) {
  const none = __('(none)', 'affiliate-agent');
  const title = groupByOptions().find((option) => option.value === funnel.groupBy)?.label ?? '';
  return (
    <Card className="aa-card">
      <CardHeader>
        <h3>{sprintf(_n('Split by %1$s: %2$d group', 'Split by %1$s: %2$d groups', funnel.groups.length, 'affiliate-agent'), title.toLowerCase(), funnel.groups.length)}</h3>
      </CardHeader>
      <CardBody>
        <TableScroll label={title || __('Conversations', 'affiliate-agent')}>
          <table className="widefat striped aa-funnel__groups">
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{__('Conversations', 'affiliate-agent')}</th>
                <th scope="col">{__('Application started', 'affiliate-agent')}</th>
                {funnel.total.fields.map((field) => (
                  <th scope="col" key={`${field.actionKey}:${field.fieldKey}`}>
                    {field.label}
                  </th>
                ))}
                <th scope="col">{__('Submitted', 'affiliate-agent')}</th>
                <th scope="col">{__('Approved', 'affiliate-agent')}</th>
              </tr>
            </thead>
            <tbody>
              {funnel.groups.map((group) => (
                <tr key={group.key ?? ''} data-group={group.key ?? ''}>
                  <th scope="row" className="aa-funnel__group-key">
                    {group.key ?? none}
                  </th>
                  <td data-col="conversations">{formatNumber(group.conversations)}</td>
                  <td data-col="started">{formatNumber(group.applicationStarted)}</td>
                  {group.fields.map((field) => (
                    <td key={`${field.actionKey}:${field.fieldKey}`} data-col={`field:${field.fieldKey}`}>
                      {formatNumber(field.reached)}
                    </td>
                  ))}
                  <td data-col="submitted">{formatNumber(group.submitted)}</td>
                  <td data-col="approved">{formatNumber(group.approved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </CardBody>
    </Card>
  );
}
