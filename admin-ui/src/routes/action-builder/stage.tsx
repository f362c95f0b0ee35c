import { Button, Card, CardBody, Notice, Spinner, TabPanel } from '@wordpress/components';
import { useCallback, useEffect, useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { FieldEditor } from '../../components/field-editor';
import { QuestionPreview } from '../../components/question-preview';
import { RulesEditor } from '../../components/rules-editor';
import { ScorePreview } from '../../components/score-preview';
import { StepsEditor } from '../../components/steps-editor';
import { formatIssuePath, issuesUnder } from '../../lib/field-issues';
import { useLeaveGuard } from '../../lib/unsaved-changes';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import type { StageProps } from '../route-types';
import { getAction, previewScore, publishAction, restoreVersion, saveDraft, testWebhook } from './api';
import { IntentEditor } from './intent-editor';
import type { ActionDefinition, ActionView, BuilderTab } from './types';
import { VersionHistory } from './version-history';
import './style.scss';

const editable = (action: ActionView): ActionDefinition | null => (action.draft ?? action.published)?.definition ?? null;

function statusText(action: ActionView): string {
  if (action.status === 'draft') return __('Draft, not published yet', 'affiliate-agent');
  if (action.status === 'published') return sprintf(__('Published (v%d)', 'affiliate-agent'), action.publishedVersion ?? 0);
  return sprintf(__('Published v%1$d, with an unpublished draft v%2$d', 'affiliate-agent'), action.publishedVersion ?? 0, action.draftVersion ?? 0);
}

/**
 * The action builder. Edits stay in the browser until "Save draft"; the live version changes only
 * on "Publish". The service validates every save and its field-level issues land next to the inputs.
 */
export function ActionBuilderStage({ params }: StageProps) {
  const notify = useNotify();
  const { data: action, setData: setAction, isLoading, error } = useRequest(() => getAction(params.actionId), [params.actionId]);
  const [definition, setDefinition] = useState<ActionDefinition | null>(null);
  const [saved, setSaved] = useState<string>('');
  const { save: run, isSaving, issues, setIssues } = useSave();
  const [isPublishing, setIsPublishing] = useState(false);

  const load = useCallback((next: ActionView) => {
    const loaded = editable(next);
    setAction(next);
    setDefinition(loaded);
    setSaved(JSON.stringify(loaded));
  }, [setAction]);
  useEffect(() => {
    if (action && definition === null) load(action);
  }, [action, definition, load]);

  const isDirty = definition !== null && JSON.stringify(definition) !== saved;
  useLeaveGuard(isDirty);

  const update = useCallback((patch: Partial<ActionDefinition>) => setDefinition((previous) => (previous ? { ...previous, ...patch } : previous)), []);

  const save = async (): Promise<boolean> => {
    if (!action || !definition) return false;
    return run(() => saveDraft(action.id, definition), {
      onSaved: load,
      success: __('Draft saved. Visitors still see the published version until you publish.', 'affiliate-agent'),
      failureNotice: (found, thrown) =>
        found.length ? new Error(sprintf(_n('The draft has %d problem; it is marked next to its input.', 'The draft has %d problems; they are marked next to their inputs.', found.length, 'affiliate-agent'), found.length)) : thrown,
    });
  };

  const publish = async () => {
    if (!action) return;
    if (isDirty && !(await save())) return;
    setIsPublishing(true);
    try {
      load(await publishAction(action.id));
      notify.success(__('Published. The agent uses this version from the next message on.', 'affiliate-agent'));
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setIsPublishing(false);
    }
  };

  const restore = async (version: number) => {
    if (!action) return;
    try {
      load(await restoreVersion(action.id, version));
      setIssues([]);
      notify.success(sprintf(__('Version %d restored as the draft. Publish it to make it live.', 'affiliate-agent'), version));
    } catch (thrown) {
      notify.failure(thrown);
    }
  };

  const tabIssueCount = useMemo(() => {
    const count = (...roots: string[]) => issues.filter((issue) => roots.includes(String(issue.path[0]))).length;
    return {
      intent: count('key', 'name', 'description', 'examplePhrases', 'confirmation', 'completionMessage'),
      fields: count('fields'),
      qualification: count('qualification'),
      steps: count('steps'),
      history: 0,
    } satisfies Record<BuilderTab, number>;
  }, [issues]);

  if (isLoading && !action) return <Spinner />;
  if (error) {
    return (
      <Notice status="error" isDismissible={false}>
        {error.message} <a href="#/agents">{__('Back to agents', 'affiliate-agent')}</a>
      </Notice>
    );
  }
  if (!action || !definition) return <Spinner />;

  const title = (label: string, tab: BuilderTab) => (tabIssueCount[tab] ? `${label} (${tabIssueCount[tab]} ⚠)` : label);
  return (
    <div className="aa-action-builder">
      <div className="aa-page-header">
        <div>
          <a href={`#/agents/${action.agentId}`}>{__('← Agent', 'affiliate-agent')}</a>
          <h2>{definition.name || __('Untitled action', 'affiliate-agent')}</h2>
          <p className="aa-muted">
            {statusText(action)}
            {isDirty ? ` · ${__('unsaved changes', 'affiliate-agent')}` : ''}
          </p>
        </div>
        <div className="aa-page-header__actions">
          <Button variant={isDirty ? 'primary' : 'secondary'} isBusy={isSaving} disabled={isSaving || !isDirty} onClick={save}>
            {__('Save draft', 'affiliate-agent')}
          </Button>
          <Button variant="primary" isBusy={isPublishing} disabled={isPublishing || (!isDirty && action.draftVersion === null)} onClick={publish}>
            {__('Publish', 'affiliate-agent')}
          </Button>
          <Button variant="tertiary" href={`#/playground/${action.agentId}`}>
            {__('Test in the playground', 'affiliate-agent')}
          </Button>
        </div>
      </div>
      {issues.length ? (
        <Notice status="error" isDismissible={false}>
          <p>{sprintf(_n('%d problem to fix before this draft can be saved:', '%d problems to fix before this draft can be saved:', issues.length, 'affiliate-agent'), issues.length)}</p>
          <ul className="aa-issue-list">
            {issues.slice(0, 10).map((issue, index) => (
              <li key={index}>
                {issue.path.length ? <code>{formatIssuePath(issue.path)}</code> : null} {issue.message}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <TabPanel
        className="aa-tabs"
        tabs={[
          { name: 'intent', title: title(__('When to use', 'affiliate-agent'), 'intent') },
          { name: 'fields', title: title(__('Fields', 'affiliate-agent'), 'fields') },
          { name: 'qualification', title: title(__('Qualification', 'affiliate-agent'), 'qualification') },
          { name: 'steps', title: title(__('Next steps', 'affiliate-agent'), 'steps') },
          { name: 'history', title: __('History', 'affiliate-agent') },
        ]}
      >
        {(tab: { name: string }) => (
          <Card className="aa-tab-card">
            <CardBody>
              {tab.name === 'intent' ? <IntentEditor definition={definition} issues={issues} onChange={update} /> : null}
              {tab.name === 'fields' ? (
                <div className="aa-two-columns">
                  <FieldEditor fields={definition.fields} issues={issuesUnder(issues, 'fields')} onChange={(fields) => update({ fields })} />
                  <aside>
                    <h3>{__('How the agent will ask', 'affiliate-agent')}</h3>
                    <QuestionPreview definition={definition} />
                  </aside>
                </div>
              ) : null}
              {tab.name === 'qualification' ? (
                <div className="aa-two-columns is-qualification">
                  <RulesEditor qualification={definition.qualification} fields={definition.fields} issues={issuesUnder(issues, 'qualification')} onChange={(qualification) => update({ qualification })} />
                  <aside>
                    <h3>{__('Score preview', 'affiliate-agent')}</h3>
                    <ScorePreview definition={definition} onPreview={previewScore} />
                  </aside>
                </div>
              ) : null}
              {tab.name === 'steps' ? (
                <StepsEditor steps={definition.steps} fields={definition.fields} issues={issuesUnder(issues, 'steps')} onChange={(steps) => update({ steps })} onTestWebhook={(step) => testWebhook(step, params.actionId)} />
              ) : null}
              {tab.name === 'history' ? <VersionHistory action={action} current={definition} onRestore={restore} /> : null}
            </CardBody>
          </Card>
        )}
      </TabPanel>
    </div>
  );
}
