import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { routeLabels } from '../../lib/definition-labels';
import { statusLabels } from '../../components/inbox-filters';
import { managerRequestLabel, verificationLabel } from '../lead/identity-notices';
import type { Lead, LeadSort } from './types';
import { TableScroll } from '../../components/table-scroll';

interface LeadsTableProps {
  leads: Lead[];
  agentNames: Record<string, string>;
  selected: Set<string>;
  onSelect: (selected: Set<string>) => void;
  sort: LeadSort;
  onSort: (sort: LeadSort) => void;
}

/**
 * Row checkboxes are plain inputs with an accessible name, as in wp-admin's own list tables.
 * Sorting is done by the service (newest, oldest, score) so it stays right across pages.
 * On a phone each row becomes a card: the cells stack, each with its column name (data-label),
 * and the header keeps only select-all and the two sort buttons. */
export function LeadsTable({ leads, agentNames, selected, onSelect, sort, onSort }: LeadsTableProps) {
  const isAllSelected = leads.length > 0 && leads.every((lead) => selected.has(lead.id));
  const toggle = (id: string, isChecked: boolean) => {
    const next = new Set(selected);
    if (isChecked) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const receivedSort = sort === 'oldest' ? 'ascending' : sort === 'newest' ? 'descending' : 'none';
  return (
    <TableScroll label={__('Leads', 'affiliate-agent')}>
      <table className="widefat striped aa-table aa-leads-table">
        <thead>
          <tr>
            <td className="check-column">
              <input
                type="checkbox"
                aria-label={__('Select all leads on this page', 'affiliate-agent')}
                checked={isAllSelected}
                onChange={(event: { target: HTMLInputElement }) => onSelect(event.target.checked ? new Set(leads.map((lead) => lead.id)) : new Set())}
              />
            </td>
            <th scope="col" className="aa-leads-table__plain">{__('Lead', 'affiliate-agent')}</th>
            <th scope="col" aria-sort={sort === 'score' ? 'descending' : 'none'}>
              <Button variant="link" onClick={() => onSort('score')}>
                {__('Score', 'affiliate-agent')}
                {sort === 'score' ? ' ↓' : ''}
              </Button>
            </th>
            <th scope="col" className="aa-leads-table__plain">{__('Route', 'affiliate-agent')}</th>
            <th scope="col" className="aa-leads-table__plain">{__('Status', 'affiliate-agent')}</th>
            <th scope="col" className="aa-leads-table__plain">{__('Tags', 'affiliate-agent')}</th>
            <th scope="col" className="aa-leads-table__plain">{__('Agent', 'affiliate-agent')}</th>
            <th scope="col" aria-sort={receivedSort}>
              <Button variant="link" onClick={() => onSort(sort === 'newest' ? 'oldest' : 'newest')}>
                {__('Received', 'affiliate-agent')}
                {sort === 'newest' ? ' ↓' : sort === 'oldest' ? ' ↑' : ''}
              </Button>
            </th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id}>
              <td className="check-column">
                <input
                  type="checkbox"
                  aria-label={sprintf(__('Select %s', 'affiliate-agent'), lead.name || lead.email || lead.id)}
                  checked={selected.has(lead.id)}
                  onChange={(event: { target: HTMLInputElement }) => toggle(lead.id, event.target.checked)}
                />
              </td>
              <td className="aa-leads-table__lead">
                <a href={`#/leads/${encodeURIComponent(lead.id)}`}>
                  <strong>{lead.name || lead.email || lead.id}</strong>
                </a>
                {lead.email && lead.name ? <div className="aa-muted">{lead.email}</div> : null}
                {lead.duplicateOf ? <span className="aa-chip is-warning">{__('Possible duplicate', 'affiliate-agent')}</span> : null}
                {lead.managerRequest ? <span className="aa-chip is-warning" title={managerRequestLabel(lead.managerRequest) ?? undefined}>{__('Needs the manager', 'affiliate-agent')}</span> : null}
                {lead.email && !lead.emailVerification ? <span className="aa-chip" title={verificationLabel(lead)}>{__('Unverified', 'affiliate-agent')}</span> : null}
              </td>
              <td data-label={__('Score', 'affiliate-agent')}>{lead.score}</td>
              <td data-label={__('Route', 'affiliate-agent')}>
                <span className={`aa-route-badge is-${lead.route}`}>{routeLabels()[lead.route]}</span>
              </td>
              <td data-label={__('Status', 'affiliate-agent')}>{statusLabels()[lead.status] ?? lead.status}</td>
              <td data-label={__('Tags', 'affiliate-agent')} className={lead.tags.length ? undefined : 'is-empty'}>
                {lead.tags.map((tag) => (
                  <span className="aa-chip" key={tag}>
                    {tag}
                  </span>
                ))}
              </td>
              <td data-label={__('Agent', 'affiliate-agent')}>{agentNames[lead.agentId] ?? lead.agentId}</td>
              <td data-label={__('Received', 'affiliate-agent')}>
                <time dateTime={lead.createdAt}>{new Date(lead.createdAt).toLocaleString()}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
