import { Button, Modal, Spinner, ToggleControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { SetupChecklist } from '../../components/setup-checklist';
import { navigate } from '../../lib/hash-route';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import { createAction, createAgent, deleteAgent, listActions, listAgents, updateAgent } from './api';
import type { Agent } from './types';
import { TableHead } from '../../components/table-head';
import { TableScroll } from '../../components/table-scroll';

/** All agents with the quick actions owners use most: enable, edit, test, duplicate. */
export function AgentList() {
  const notify = useNotify();
  const { data: agents, setData, isLoading, error, reload } = useRequest(listAgents, []);
  const [deleting, setDeleting] = useState<Agent | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const duplicate = async (agent: Agent) => {
    setBusy(agent.id);
    try {
      const { id: _id, createdAt: _created, updatedAt: _updated, ...settings } = agent;
      const copy = await createAgent({ ...settings, name: sprintf(__('%s (copy)', 'affiliate-agent'), agent.name).slice(0, 80), enabled: false });
      // Actions come along as drafts: the copy starts disabled and unpublished, so nothing goes live by accident.
      for (const action of await listActions(agent.id)) {
        const definition = (action.draft ?? action.published)?.definition;
        if (definition) await createAction(copy.id, { definition });
      }
      notify.success(__('Agent duplicated (disabled, with its actions as drafts).', 'affiliate-agent'));
      navigate(`/agents/${copy.id}`);
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setBusy(null);
    }
  };

  if (isLoading && !agents) return <Spinner />;
  if (error) return <p role="alert">{error.message}</p>;
  return (
    <div className="aa-agents">
      <SetupChecklist hideWhenDone />
      <div className="aa-page-header">
        <h2>{__('Agents', 'affiliate-agent')}</h2>
        <Button variant="primary" href="#/agents/new">
          {__('Add agent', 'affiliate-agent')}
        </Button>
      </div>
      {!agents?.length ? (
        <EmptyState title={__('No agents yet', 'affiliate-agent')} action={<Button variant="primary" href="#/agents/new">{__('Create your first agent', 'affiliate-agent')}</Button>}>
          {__('An agent answers visitors’ questions from your docs and runs actions such as the affiliate application. Create one, add an action from a template, then try it in the playground.', 'affiliate-agent')}
        </EmptyState>
      ) : (
        <TableScroll label={__('Agents', 'affiliate-agent')}>
          <table className="widefat striped aa-table">
            <TableHead columns={[__('Name', 'affiliate-agent'), __('Language', 'affiliate-agent'), __('Mode', 'affiliate-agent'), __('Enabled', 'affiliate-agent'), __('Actions', 'affiliate-agent')]} />
            <tbody>
              {agents.map((agent) => (
                <tr key={agent.id}>
                  <td>
                    <a href={`#/agents/${agent.id}`}>
                      <strong>{agent.name}</strong>
                    </a>
                    <div className="aa-muted">
                      <code>{agent.id}</code>
                    </div>
                  </td>
                  <td>{agent.language}</td>
                  <td>{agent.strictDocs ? __('Docs only', 'affiliate-agent') : __('Docs first', 'affiliate-agent')}</td>
                  <td>
                    <ToggleControl
                      __nextHasNoMarginBottom
                      label={sprintf(__('Enable %s', 'affiliate-agent'), agent.name)}
                      checked={agent.enabled}
                      onChange={async (enabled: boolean) => {
                        try {
                          const updated = await updateAgent(agent.id, { enabled });
                          setData(agents.map((item) => (item.id === agent.id ? updated : item)));
                        } catch (thrown) {
                          notify.failure(thrown);
                        }
                      }}
                    />
                  </td>
                  <td className="aa-row-actions">
                    <Button variant="secondary" size="small" href={`#/agents/${agent.id}`}>
                      {__('Edit', 'affiliate-agent')}
                    </Button>
                    <Button variant="secondary" size="small" href={`#/playground/${agent.id}`}>
                      {__('Playground', 'affiliate-agent')}
                    </Button>
                    <Button variant="tertiary" size="small" isBusy={busy === agent.id} disabled={busy !== null} onClick={() => duplicate(agent)}>
                      {__('Duplicate', 'affiliate-agent')}
                    </Button>
                    <Button variant="tertiary" size="small" isDestructive onClick={() => setDeleting(agent)}>
                      {__('Delete', 'affiliate-agent')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {deleting ? (
        <Modal title={sprintf(__('Delete %s?', 'affiliate-agent'), deleting.name)} onRequestClose={() => setDeleting(null)}>
          <p>{__('The agent, its actions and its leads are deleted for good. Disabling it instead keeps everything.', 'affiliate-agent')}</p>
          <div className="aa-row-actions">
            <Button variant="tertiary" onClick={() => setDeleting(null)}>
              {__('Cancel', 'affiliate-agent')}
            </Button>
            <Button
              variant="primary"
              isDestructive
              onClick={async () => {
                try {
                  await deleteAgent(deleting.id);
                  notify.success(__('Agent deleted.', 'affiliate-agent'));
                  setDeleting(null);
                  await reload();
                } catch (thrown) {
                  notify.failure(thrown);
                }
              }}
            >
              {__('Delete agent', 'affiliate-agent')}
            </Button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
