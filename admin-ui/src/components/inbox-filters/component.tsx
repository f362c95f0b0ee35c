import { Button, SelectControl, TextControl } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { LeadStatus } from '../../lib/service-types';
import type { InboxFilterValues, InboxFiltersProps } from './types';

export const statusLabels = (): Record<LeadStatus, string> => ({
  new: __('New', 'affiliate-agent'),
  contacted: __('Contacted', 'affiliate-agent'),
  approved: __('Approved', 'affiliate-agent'),
  rejected: __('Rejected', 'affiliate-agent'),
  archived: __('Archived', 'affiliate-agent'),
});

const clean = (values: InboxFilterValues): InboxFilterValues =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')) as InboxFilterValues;

/**
 * The inbox's filter bar. Selects apply at once; the search and tag boxes wait for a pause in
 * typing so every keystroke does not become a request.
 */
export function InboxFilters({ values, agents, onChange, debounceMs = 300 }: InboxFiltersProps) {
  const [text, setText] = useState({ q: values.q ?? '', tag: values.tag ?? '' });
  const latest = useRef(values);
  latest.current = values;
  useEffect(() => {
    if (text.q === (values.q ?? '') && text.tag === (values.tag ?? '')) return undefined;
    const timer = setTimeout(() => onChange(clean({ ...latest.current, q: text.q.trim(), tag: text.tag.trim() })), debounceMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text.q, text.tag]);
  const set = (patch: Partial<InboxFilterValues>) => onChange(clean({ ...values, ...patch }));
  const hasFilters = Object.keys(clean(values)).length > 0;
  return (
    <div className="aa-inbox-filters" role="search" aria-label={__('Filter leads', 'affiliate-agent')}>
      <TextControl __nextHasNoMarginBottom label={__('Search', 'affiliate-agent')} placeholder={__('Name, email or answer', 'affiliate-agent')} value={text.q} onChange={(q: string) => setText((previous) => ({ ...previous, q }))} />
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Status', 'affiliate-agent')}
        value={values.status ?? ''}
        options={[{ value: '', label: __('Any status', 'affiliate-agent') }, ...Object.entries(statusLabels()).map(([value, label]) => ({ value, label }))]}
        onChange={(status: string) => set({ status: (status || undefined) as LeadStatus | undefined })}
      />
      <TextControl __nextHasNoMarginBottom label={__('Tag', 'affiliate-agent')} value={text.tag} onChange={(tag: string) => setText((previous) => ({ ...previous, tag }))} />
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Agent', 'affiliate-agent')}
        value={values.agentId ?? ''}
        options={[{ value: '', label: __('All agents', 'affiliate-agent') }, ...agents.map((agent) => ({ value: agent.id, label: agent.name }))]}
        onChange={(agentId: string) => set({ agentId: agentId || undefined })}
      />
      <TextControl __nextHasNoMarginBottom type="date" label={__('From', 'affiliate-agent')} value={values.from ?? ''} onChange={(from: string) => set({ from: from || undefined })} />
      <TextControl __nextHasNoMarginBottom type="date" label={__('To', 'affiliate-agent')} value={values.to ?? ''} onChange={(to: string) => set({ to: to || undefined })} />
      {hasFilters ? (
        <Button
          variant="tertiary"
          onClick={() => {
            setText({ q: '', tag: '' });
            onChange({});
          }}
        >
          {__('Clear filters', 'affiliate-agent')}
        </Button>
      ) : null}
    </div>
  );
}
