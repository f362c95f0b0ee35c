import { Button, Card, CardBody, CardHeader, CheckboxControl, Notice, RadioControl, SelectControl, Spinner, ToggleControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { issueAt } from '../../lib/field-issues';
import { useLeaveGuard } from '../../lib/unsaved-changes';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import { listAgents } from '../agents/api';
import { getSiteBubble, saveSiteBubble } from './api';
import type { SiteBubbleSettings, SiteBubbleWhere } from './types';

const OFF: SiteBubbleSettings = { enabled: false, agentId: '', where: 'everywhere', postTypes: [] };

/**
 * The floating chat on every page (or the front page, or chosen post types) without placing the
 * block. A chat block placed on a page still wins there; a disabled agent shows no bubble anywhere.
 */
export function SiteBubbleCard() {
  const { data: answer, setData, isLoading, error } = useRequest(getSiteBubble, []);
  const { data: agents, error: agentsError } = useRequest(listAgents, []);
  const [draft, setDraft] = useState<SiteBubbleSettings>(OFF);
  const [saved, setSaved] = useState('');
  const { save: run, isSaving, issues } = useSave();
  useLeaveGuard(saved !== '' && JSON.stringify(draft) !== saved);

  useEffect(() => {
    if (!answer) return;
    setDraft(answer.settings);
    setSaved(JSON.stringify(answer.settings));
  }, [answer]);

  const change = (patch: Partial<SiteBubbleSettings>) => setDraft((current) => ({ ...current, ...patch }));
  const togglePostType = (slug: string, isChecked: boolean) =>
    change({ postTypes: isChecked ? [...draft.postTypes.filter((type) => type !== slug), slug] : draft.postTypes.filter((type) => type !== slug) });
  const save = () => run(() => saveSiteBubble(draft), { onSaved: setData, success: __('Chat bubble settings saved.', 'affiliate-agent') });

  const agentOptions = [
    { value: '', label: __('Choose an agent', 'affiliate-agent') },
    ...(agents ?? []).map((agent) => ({
      value: agent.id,
      /* translators: %s: agent name. A disabled agent shows no bubble until it is enabled again. */
      label: agent.enabled ? agent.name : sprintf(__('%s (disabled: no bubble)', 'affiliate-agent'), agent.name),
    })),
  ];

  return (
    <Card className="aa-card aa-site-bubble">
      <CardHeader>
        <h3>{__('Chat on every page', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {isLoading && !answer ? <Spinner /> : null}
        {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
        {agentsError ? <Notice status="warning" isDismissible={false}>{agentsError.message}</Notice> : null}
        <p className="aa-muted">
          {__('Shows the floating chat bubble without placing the chat block. Where a page has the chat block, the block’s own settings are used and no second bubble is added.', 'affiliate-agent')}
        </p>
        <ToggleControl
          __nextHasNoMarginBottom
          label={__('Show the chat bubble site-wide', 'affiliate-agent')}
          checked={draft.enabled}
          onChange={(isChecked: boolean) => change({ enabled: isChecked })}
        />
        <SelectControl
          __nextHasNoMarginBottom
          label={__('Agent', 'affiliate-agent')}
          value={draft.agentId}
          options={agentOptions}
          onChange={(agentId: string) => change({ agentId })}
        />
        <FieldError message={issueAt(issues, 'agentId')} />
        <RadioControl
          label={__('Where', 'affiliate-agent')}
          selected={draft.where}
          options={[
            { value: 'everywhere', label: __('Everywhere', 'affiliate-agent') },
            { value: 'front_page', label: __('The front page only', 'affiliate-agent') },
            { value: 'post_types', label: __('Single views of chosen post types', 'affiliate-agent') },
          ]}
          onChange={(where: string) => change({ where: where as SiteBubbleWhere })}
        />
        <FieldError message={issueAt(issues, 'where')} />
        {draft.where === 'post_types' ? (
          <fieldset className="aa-site-bubble__types">
            <legend>{__('Post types', 'affiliate-agent')}</legend>
            {(answer?.postTypes ?? []).map((type) => (
              <CheckboxControl
                __nextHasNoMarginBottom
                key={type.slug}
                label={type.label}
                checked={draft.postTypes.includes(type.slug)}
                onChange={(isChecked: boolean) => togglePostType(type.slug, isChecked)}
              />
            ))}
            <FieldError message={issueAt(issues, 'postTypes')} />
          </fieldset>
        ) : null}
        <Button variant="primary" isBusy={isSaving} disabled={isSaving || !answer} onClick={save}>
          {__('Save chat bubble', 'affiliate-agent')}
        </Button>
      </CardBody>
    </Card>
  );
}
