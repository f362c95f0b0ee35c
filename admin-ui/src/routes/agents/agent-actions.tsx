import { Button, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { toApiError } from '../../lib/api-client';
import { issueAt, type FieldIssue } from '../../lib/field-issues';
import { navigate } from '../../lib/hash-route';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import { FieldError } from '../../components/field-error';
import { createAction, listActions, listTemplates } from './api';
import { blankAction } from './blank-action';
import type { ActionView } from './types';
import { TableHead } from '../../components/table-head';
import { TableScroll } from '../../components/table-scroll';

const statusLabel = (action: ActionView) =>
  action.status === 'draft' ? __('Draft', 'affiliate-agent') : action.status === 'published' ? __('Published', 'affiliate-agent') : __('Published, draft pending', 'affiliate-agent');

/** The agent's actions and the way to start a new one: from a template, or blank. */
export function AgentActions({ agentId }: { agentId: string }) {
  const notify = useNotify();
  const { data: actions, isLoading, error } = useRequest(() => listActions(agentId), [agentId]);
  const { data: templates } = useRequest(listTemplates, []);
  const [start, setStart] = useState('affiliate-application');
  const [key, setKey] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [isCreating, setIsCreating] = useState(false);

  const create = async () => {
    setIsCreating(true);
    try {
      const trimmedKey = key.trim();
      const action =
        start === 'blank'
          ? await createAction(agentId, { definition: blankAction(trimmedKey || `action-${(actions?.length ?? 0) + 1}`) })
          : await createAction(agentId, { template: start, ...(trimmedKey ? { key: trimmedKey } : {}) });
      notify.success(__('Action created as a draft. Adjust it, try it in the playground, then publish.', 'affiliate-agent'));
      navigate(`/actions/${action.id}`);
    } catch (thrown) {
      const failure = toApiError(thrown);
      setIssues(failure.issues);
      notify.failure(failure);
    } finally {
      setIsCreating(false);
    }
  };

  return (
    <div className="aa-agent-actions">
      {isLoading && !actions ? <Spinner /> : null}
      {error ? <p role="alert">{error.message}</p> : null}
      {actions && actions.length === 0 ? (
        <EmptyState title={__('No actions yet', 'affiliate-agent')}>
          {__('Actions are what the agent can do for a visitor, such as taking an affiliate application. Start from the “Affiliate application” template below.', 'affiliate-agent')}
        </EmptyState>
      ) : null}
      {actions?.length ? (
        <TableScroll label={__('Actions', 'affiliate-agent')}>
          <table className="widefat striped aa-table">
            <TableHead columns={[__('Action', 'affiliate-agent'), __('Key', 'affiliate-agent'), __('State', 'affiliate-agent')]} />
            <tbody>
              {actions.map((action) => (
                <tr key={action.id}>
                  <td>
                    <a href={`#/actions/${action.id}`}>{(action.draft ?? action.published)?.definition.name ?? action.key}</a>
                  </td>
                  <td>
                    <code>{action.key}</code>
                  </td>
                  <td>{statusLabel(action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <div className="aa-inline-form">
        <SelectControl
          __nextHasNoMarginBottom
          label={__('Start from', 'affiliate-agent')}
          value={start}
          options={[...(templates ?? []).map((template) => ({ value: template.key, label: template.name })), { value: 'blank', label: __('Blank action', 'affiliate-agent') }]}
          onChange={setStart}
        />
        <div>
          <TextControl __nextHasNoMarginBottom label={__('Key (optional)', 'affiliate-agent')} placeholder="affiliate-application" value={key} onChange={setKey} />
          <FieldError message={issueAt(issues, 'key')} />
        </div>
        <Button variant="primary" isBusy={isCreating} disabled={isCreating} onClick={create}>
          {__('Create action', 'affiliate-agent')}
        </Button>
      </div>
      {templates ? <p className="aa-muted">{templates.find((template) => template.key === start)?.description}</p> : null}
    </div>
  );
}
