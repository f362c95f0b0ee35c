import { BaseControl, Button, Card, CardBody, CardHeader, CheckboxControl, SelectControl, Spinner, TextControl, TextareaControl, ToggleControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { ListInput } from '../../components/list-input';
import { NumberInput } from '../../components/number-input';
import { adminConfig } from '../../lib/admin-config';
import { issueAt } from '../../lib/field-issues';
import { useLeaveGuard } from '../../lib/unsaved-changes';
import { navigate } from '../../lib/hash-route';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import { AgentActions } from './agent-actions';
import { createAgent, getAgent, listKnowledgeSets, updateAgent } from './api';
import type { Agent, AgentInput } from './types';

type Draft = Omit<AgentInput, 'contactUrl'> & { contactUrl: string };

const emptyDraft = (): Draft => ({
  name: '',
  instructions: '',
  language: 'en',
  greeting: __('Hi! I can answer questions about our affiliate program or help you apply.', 'affiliate-agent'),
  fallbackMessage: __("I'm not sure about that one. You can reach the affiliate team through the contact page, or I can help you apply.", 'affiliate-agent'),
  strictDocs: false,
  contactUrl: '',
  appearance: { title: __('Affiliate program assistant', 'affiliate-agent'), primaryColor: '#2271b1', position: 'bottom-right' },
  enabled: true,
  // The site itself, so the chat block and the playground work here from the first save.
  allowedOrigins: adminConfig().siteOrigin ? [adminConfig().siteOrigin] : [],
  knowledgeSetIds: [],
  monthlyCap: null,
});

const toDraft = (agent: Agent): Draft => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...settings } = agent;
  return { ...emptyDraft(), ...settings, contactUrl: agent.contactUrl ?? '' };
};

/** Create or edit an agent: persona, greeting, docs mode, look, knowledge, origins, budget; then its actions. */
export function AgentEditor({ agentId }: { agentId?: string }) {
  const isNew = !agentId;
  const { data: agent, isLoading, error } = useRequest(() => (agentId ? getAgent(agentId) : Promise.resolve(null)), [agentId]);
  const { data: knowledgeSets } = useRequest(listKnowledgeSets, []);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [saved, setSaved] = useState(() => JSON.stringify(emptyDraft()));
  const { save: run, isSaving, issues } = useSave();
  useEffect(() => {
    if (!agent) return;
    const loaded = toDraft(agent);
    setDraft(loaded);
    setSaved(JSON.stringify(loaded));
  }, [agent]);
  const isDirty = JSON.stringify(draft) !== saved;
  const { markClean } = useLeaveGuard(isDirty);

  const set = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const setAppearance = (patch: Partial<Draft['appearance']>) => setDraft((previous) => ({ ...previous, appearance: { ...previous.appearance, ...patch } }));

  const save = () => {
    const { contactUrl, ...rest } = draft;
    const appearance = { ...rest.appearance };
    if (!appearance.avatarUrl) delete appearance.avatarUrl;
    const input: Partial<AgentInput> = { ...rest, appearance, ...(contactUrl.trim() ? { contactUrl: contactUrl.trim() } : {}) };
    return run(() => (isNew ? createAgent(input) : updateAgent(agentId, input)), {
      onSaved: (stored) => {
        setSaved(JSON.stringify(draft));
        markClean();
        if (isNew) navigate(`/agents/${stored.id}`);
      },
      success: isNew ? __('Agent created. Now add an action below.', 'affiliate-agent') : __('Agent saved.', 'affiliate-agent'),
    });
  };

  if (isLoading && agentId && !agent) return <Spinner />;
  if (error) return <p role="alert">{error.message}</p>;
  return (
    <div className="aa-agent-editor">
      <a href="#/agents">{__('← All agents', 'affiliate-agent')}</a>
      <div className="aa-page-header">
        <h2>{isNew ? __('New agent', 'affiliate-agent') : draft.name}</h2>
        <div className="aa-page-header__actions">
          {!isNew ? (
            <Button variant="secondary" href={`#/playground/${agentId}`}>
              {__('Open the playground', 'affiliate-agent')}
            </Button>
          ) : null}
          <Button variant="primary" isBusy={isSaving} disabled={isSaving} onClick={save}>
            {isNew ? __('Create agent', 'affiliate-agent') : __('Save agent', 'affiliate-agent')}
          </Button>
        </div>
      </div>
      <div className="aa-two-columns">
        <Card className="aa-card">
          <CardHeader>
            <h3>{__('Persona', 'affiliate-agent')}</h3>
          </CardHeader>
          <CardBody>
            <TextControl __nextHasNoMarginBottom label={__('Name', 'affiliate-agent')} value={draft.name} onChange={(name: string) => set({ name })} />
            <FieldError message={issueAt(issues, 'name')} />
            <TextareaControl
              __nextHasNoMarginBottom
              label={__('Instructions', 'affiliate-agent')}
              help={__('Tone, what to focus on, what never to promise. The agent follows these in every conversation.', 'affiliate-agent')}
              rows={6}
              value={draft.instructions}
              onChange={(instructions: string) => set({ instructions })}
            />
            <FieldError message={issueAt(issues, 'instructions')} />
            <TextControl __nextHasNoMarginBottom label={__('Language', 'affiliate-agent')} help={__('A language tag such as en, de or pt-BR.', 'affiliate-agent')} value={draft.language} onChange={(language: string) => set({ language })} />
            <FieldError message={issueAt(issues, 'language')} />
            <TextareaControl __nextHasNoMarginBottom label={__('Greeting', 'affiliate-agent')} value={draft.greeting} onChange={(greeting: string) => set({ greeting })} />
            <FieldError message={issueAt(issues, 'greeting')} />
            <ToggleControl
              __nextHasNoMarginBottom
              label={__('Answer only from the docs (strict mode)', 'affiliate-agent')}
              help={__('When the docs do not cover a question, the agent says so and offers the contact link instead of guessing.', 'affiliate-agent')}
              checked={draft.strictDocs}
              onChange={(strictDocs: boolean) => set({ strictDocs })}
            />
            <TextareaControl __nextHasNoMarginBottom label={__('Fallback message', 'affiliate-agent')} value={draft.fallbackMessage} onChange={(fallbackMessage: string) => set({ fallbackMessage })} />
            <FieldError message={issueAt(issues, 'fallbackMessage')} />
            <TextControl __nextHasNoMarginBottom type="url" label={__('Contact page URL', 'affiliate-agent')} value={draft.contactUrl} onChange={(contactUrl: string) => set({ contactUrl })} />
            <FieldError message={issueAt(issues, 'contactUrl')} />
            <ToggleControl __nextHasNoMarginBottom label={__('Enabled', 'affiliate-agent')} checked={draft.enabled} onChange={(enabled: boolean) => set({ enabled })} />
          </CardBody>
        </Card>
        <div>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Appearance', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <TextControl __nextHasNoMarginBottom label={__('Chat title', 'affiliate-agent')} value={draft.appearance.title} onChange={(title: string) => setAppearance({ title })} />
              {/* TextControl has no colour type (the real component types say so); a native colour input keeps the picker. */}
              <BaseControl __nextHasNoMarginBottom id="aa-agent-primary-colour" label={__('Primary colour', 'affiliate-agent')}>
                <input id="aa-agent-primary-colour" type="color" value={draft.appearance.primaryColor} onChange={(event) => setAppearance({ primaryColor: event.target.value })} />
              </BaseControl>
              <FieldError message={issueAt(issues, 'appearance', 'primaryColor')} />
              <SelectControl
                __nextHasNoMarginBottom
                label={__('Position', 'affiliate-agent')}
                value={draft.appearance.position}
                options={[
                  { value: 'bottom-right', label: __('Bottom right', 'affiliate-agent') },
                  { value: 'bottom-left', label: __('Bottom left', 'affiliate-agent') },
                ]}
                onChange={(position: string) => setAppearance({ position: position as Draft['appearance']['position'] })}
              />
              <TextControl __nextHasNoMarginBottom type="url" label={__('Avatar image URL (optional)', 'affiliate-agent')} value={draft.appearance.avatarUrl ?? ''} onChange={(avatarUrl: string) => setAppearance({ avatarUrl: avatarUrl || undefined })} />
              <FieldError message={issueAt(issues, 'appearance', 'avatarUrl')} />
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Knowledge and limits', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <fieldset className="aa-fieldset">
                <legend>{__('Knowledge sets this agent answers from', 'affiliate-agent')}</legend>
                {knowledgeSets?.length ? (
                  knowledgeSets.map((set) => (
                    <CheckboxControl
                      __nextHasNoMarginBottom
                      key={set.id}
                      label={`${set.name} (${set.sourceCount})`}
                      checked={draft.knowledgeSetIds.includes(set.id)}
                      onChange={(isChecked: boolean) =>
                        setDraft((previous) => ({
                          ...previous,
                          knowledgeSetIds: isChecked ? [...previous.knowledgeSetIds, set.id] : previous.knowledgeSetIds.filter((id) => id !== set.id),
                        }))
                      }
                    />
                  ))
                ) : (
                  <p className="aa-muted">
                    {__('No knowledge sets yet.', 'affiliate-agent')} <a href="#/knowledge">{__('Add your program docs in Knowledge.', 'affiliate-agent')}</a>
                  </p>
                )}
              </fieldset>
              <ListInput
                separator="line"
                label={__('Allowed origins (one per line)', 'affiliate-agent')}
                help={__('Sites that may embed this agent, e.g. https://shop.example. Include this site’s own origin so the chat block and the playground work here.', 'affiliate-agent')}
                values={draft.allowedOrigins}
                onChange={(allowedOrigins) => set({ allowedOrigins })}
                error={issueAt(issues, 'allowedOrigins')}
              />
              <NumberInput
                label={__('Monthly AI response cap', 'affiliate-agent')}
                help={__('Empty means no cap. When reached, the agent continues on the offline engine.', 'affiliate-agent')}
                value={draft.monthlyCap}
                min={1}
                step={1}
                onChange={(monthlyCap) => set({ monthlyCap: monthlyCap ?? null })}
                error={issueAt(issues, 'monthlyCap')}
              />
            </CardBody>
          </Card>
        </div>
      </div>
      {!isNew && agentId ? (
        <Card className="aa-card">
          <CardHeader>
            <h3>{__('Actions', 'affiliate-agent')}</h3>
          </CardHeader>
          <CardBody>
            <AgentActions agentId={agentId} />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
