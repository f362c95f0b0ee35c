import { Button, Notice, SelectControl, Spinner, TabPanel } from '@wordpress/components';
import { useCallback, useEffect, useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { InboxFilters, statusLabels, type InboxFilterValues } from '../../components/inbox-filters';
import { toApiError, type ApiError } from '../../lib/api-client';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import type { LeadStatus } from '../../lib/service-types';
import type { StageProps } from '../route-types';
import { exportLeadsCsv, listAgents, listLeads, setLeadStatus } from './api';
import { LeadsTable } from './leads-table';
import type { InboxTab, Lead, LeadFilters, LeadSort } from './types';
import './style.scss';
import { downloadBlob } from '../../lib/download-blob';

const TAB_ROUTE: Record<InboxTab, LeadFilters['route']> = { priority: 'priority', all: undefined, review: 'review' };

/** The leads inbox: Priority / All / Needs review, filters, bulk status, CSV export. */
export function LeadsStage({ query }: StageProps) {
  const notify = useNotify();
  const initialTab = (['priority', 'all', 'review'] as InboxTab[]).find((tab) => tab === query.get('tab')) ?? 'priority';
  const [tab, setTab] = useState<InboxTab>(initialTab);
  const [filterValues, setFilterValues] = useState<InboxFilterValues>({});
  const [sort, setSort] = useState<LeadSort>('newest');
  const [leads, setLeads] = useState<Lead[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<{ count: number; isCapped: boolean }>({ count: 0, isCapped: false });
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<LeadStatus>('contacted');
  const [isApplying, setIsApplying] = useState(false);
  const { data: agents } = useRequest(listAgents, []);
  const agentNames = useMemo(() => Object.fromEntries((agents ?? []).map((agent) => [agent.id, agent.name])), [agents]);

  const filters: LeadFilters = useMemo(() => ({ ...filterValues, route: TAB_ROUTE[tab], sort }), [filterValues, tab, sort]);

  const load = useCallback(
    async (cursor?: string) => {
      setIsLoading(true);
      try {
        const page = await listLeads(filters, cursor);
        setLeads((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setTotal({ count: page.total, isCapped: page.totalIsCapped });
        setError(null);
      } catch (thrown) {
        setError(toApiError(thrown));
      } finally {
        setIsLoading(false);
      }
    },
    [filters],
  );
  useEffect(() => {
    setSelected(new Set());
    void load();
  }, [load]);

  const applyBulk = async () => {
    setIsApplying(true);
    const ids = [...selected];
    const results = await Promise.allSettled(ids.map((id) => setLeadStatus(id, bulkStatus)));
    const failed = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
    const done = ids.length - failed.length;
    if (done) notify.success(sprintf(_n('%1$d lead set to %2$s.', '%1$d leads set to %2$s.', done, 'affiliate-agent'), done, statusLabels()[bulkStatus]));
    if (failed.length) notify.failure(failed[0].reason);
    setIsApplying(false);
    setSelected(new Set());
    void load();
  };

  const exportCsv = async () => {
    try {
      downloadBlob(await exportLeadsCsv(filters), `leads-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (thrown) {
      notify.failure(thrown);
    }
  };

  const hasFilters = Object.keys(filterValues).length > 0;
  const body = (
    <div className="aa-leads">
      <InboxFilters values={filterValues} agents={agents ?? []} onChange={setFilterValues} />
      <div className="aa-toolbar">
        <span className="aa-muted" role="status">
          {isLoading ? '' : sprintf(_n('%s lead', '%s leads', total.count, 'affiliate-agent'), `${total.count}${total.isCapped ? '+' : ''}`)}
        </span>
        {selected.size ? (
          <div className="aa-inline-form">
            <SelectControl
              __nextHasNoMarginBottom
              label={sprintf(_n('Change status of %d selected lead', 'Change status of %d selected leads', selected.size, 'affiliate-agent'), selected.size)}
              value={bulkStatus}
              options={Object.entries(statusLabels()).map(([value, label]) => ({ value, label }))}
              onChange={(value: string) => setBulkStatus(value as LeadStatus)}
            />
            <Button variant="secondary" isBusy={isApplying} disabled={isApplying} onClick={applyBulk}>
              {__('Apply', 'affiliate-agent')}
            </Button>
          </div>
        ) : null}
        <Button variant="secondary" onClick={exportCsv}>
          {__('Export CSV', 'affiliate-agent')}
        </Button>
      </div>
      {error ? (
        <Notice status="error" isDismissible={false}>
          {error.message}{' '}
          <Button variant="link" onClick={() => load()}>
            {__('Try again', 'affiliate-agent')}
          </Button>
        </Notice>
      ) : null}
      {isLoading && leads.length === 0 ? <Spinner /> : null}
      {!isLoading && !error && leads.length === 0 ? (
        hasFilters ? (
          <EmptyState title={__('No leads match these filters', 'affiliate-agent')}>{__('Clear a filter or widen the dates.', 'affiliate-agent')}</EmptyState>
        ) : tab === 'priority' ? (
          <EmptyState title={__('No priority leads yet', 'affiliate-agent')}>
            {__('Leads whose score reaches a “priority” threshold land here. Check the All tab, or tune the thresholds in an action’s Qualification tab.', 'affiliate-agent')}
          </EmptyState>
        ) : tab === 'review' ? (
          <EmptyState title={__('Nothing needs review', 'affiliate-agent')}>{__('Leads routed to “Needs review” by an action’s qualification rules appear here.', 'affiliate-agent')}</EmptyState>
        ) : (
          <EmptyState title={__('No leads yet', 'affiliate-agent')}>
            {__('Leads arrive when visitors complete an action in the chat. Publish an action and put the chat block on a page; try it first in the playground.', 'affiliate-agent')}
          </EmptyState>
        )
      ) : null}
      {leads.length ? <LeadsTable leads={leads} agentNames={agentNames} selected={selected} onSelect={setSelected} sort={sort} onSort={setSort} /> : null}
      {nextCursor ? (
        <Button variant="secondary" isBusy={isLoading} disabled={isLoading} onClick={() => load(nextCursor)}>
          {__('Load more', 'affiliate-agent')}
        </Button>
      ) : null}
    </div>
  );

  return (
    <TabPanel
      className="aa-tabs"
      initialTabName={initialTab}
      onSelect={(name: string) => setTab(name as InboxTab)}
      tabs={[
        { name: 'priority', title: __('Priority', 'affiliate-agent') },
        { name: 'all', title: __('All', 'affiliate-agent') },
        { name: 'review', title: __('Needs review', 'affiliate-agent') },
      ]}
    >
      {() => body}
    </TabPanel>
  );
}
