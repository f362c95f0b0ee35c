import { Button, Card, CardBody, CardHeader, Spinner, TextControl, TextareaControl, ToggleControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { issueAt, type FieldIssue } from '../../lib/field-issues';
import { useRequest } from '../../lib/use-request';
import { useLeaveGuard } from '../../lib/unsaved-changes';
import { useSave } from '../../lib/use-save';
import { APPLICANT_MERGE_TAGS, DEFAULT_REJECTION_TEMPLATE, DEFAULT_WELCOME_TEMPLATE, mergeText } from '../../../../server/src/contract/email-defaults';
import { getDeliverySettings, saveDeliverySettings } from './api';
import type { EmailTemplate } from './types';

/**
 * The owner's own text, or null ("use the default") while it still reads as the built-in English
 * default: the service then sends its default in the agent's language, which a stored copy of the
 * English text would stop for good.
 */
export const ownTemplate = (template: EmailTemplate, builtIn: EmailTemplate): EmailTemplate | null =>
  template.subject === builtIn.subject && template.body === builtIn.body ? null : template;

/** Made-up applicant for the preview; the real email uses the lead's answers. */
const SAMPLE = { name: 'Maria Lopez', email: 'maria@example.com', score: 75, route: 'priority', lead_id: 'lead_example', referral_url: 'https://shop.example/?ref=42' };

function TemplateEditor({ id, template, tags, onChange, issues }: { id: 'welcome' | 'rejection'; template: EmailTemplate; tags: string[]; onChange: (next: EmailTemplate) => void; issues: FieldIssue[] }) {
  const [target, setTarget] = useState<'subject' | 'body'>('body');
  return (
    <div className="aa-email-template">
      <div>
        <TextControl __nextHasNoMarginBottom label={__('Subject', 'affiliate-agent')} value={template.subject} onFocus={() => setTarget('subject')} onChange={(subject: string) => onChange({ ...template, subject })} />
        <FieldError message={issueAt(issues, `emails.${id}.subject`)} />
        <TextareaControl __nextHasNoMarginBottom label={__('Message', 'affiliate-agent')} rows={7} value={template.body} onFocus={() => setTarget('body')} onChange={(body: string) => onChange({ ...template, body })} />
        <FieldError message={issueAt(issues, `emails.${id}.body`)} />
        <p className="aa-muted">{__('Merge tags (click to add; any field key of your action works too):', 'affiliate-agent')}</p>
        <div className="aa-merge-tags">
          {tags.map((tag) => (
            <Button key={tag} variant="tertiary" size="small" onClick={() => onChange({ ...template, [target]: `${template[target]}{{${tag}}}` })}>
              {`{{${tag}}}`}
            </Button>
          ))}
        </div>
      </div>
      <div className="aa-email-preview" aria-label={__('Preview', 'affiliate-agent')} role="region">
        <p className="aa-muted">{__('Preview with a sample applicant', 'affiliate-agent')}</p>
        <p className="aa-email-preview__subject">
          <strong>{mergeText(template.subject, SAMPLE)}</strong>
        </p>
        <div className="aa-email-preview__body">{mergeText(template.body, SAMPLE)}</div>
      </div>
    </div>
  );
}

/** The applicant's welcome and rejection emails, in the owner's words; the rejection email can be switched off. */
export function EmailsCard() {
  const { data: settings, setData, isLoading, error } = useRequest(getDeliverySettings, []);
  const [welcome, setWelcome] = useState<EmailTemplate>(DEFAULT_WELCOME_TEMPLATE);
  const [rejection, setRejection] = useState<EmailTemplate>(DEFAULT_REJECTION_TEMPLATE);
  const [isRejectionOn, setIsRejectionOn] = useState(true);
  const [saved, setSaved] = useState('');
  const { save: run, isSaving, issues } = useSave();
  const current = JSON.stringify({ welcome, rejection, isRejectionOn });
  useLeaveGuard(saved !== '' && current !== saved);

  useEffect(() => {
    if (!settings) return;
    const loaded = {
      welcome: settings.emails?.welcome ?? DEFAULT_WELCOME_TEMPLATE,
      rejection: settings.emails?.rejection ?? DEFAULT_REJECTION_TEMPLATE,
      isRejectionOn: settings.emails?.rejectionEnabled ?? true,
    };
    setWelcome(loaded.welcome);
    setRejection(loaded.rejection);
    setIsRejectionOn(loaded.isRejectionOn);
    setSaved(JSON.stringify(loaded));
  }, [settings]);

  const save = () => run(() => saveDeliverySettings({ emails: { welcome: ownTemplate(welcome, DEFAULT_WELCOME_TEMPLATE), rejection: ownTemplate(rejection, DEFAULT_REJECTION_TEMPLATE), rejectionEnabled: isRejectionOn } }), { onSaved: setData, success: __('Emails saved.', 'affiliate-agent') });

  return (
    <Card className="aa-card aa-emails">
      <CardHeader>
        <h3>{__('Emails to applicants', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {isLoading && !settings ? <Spinner /> : null}
        {error ? <p role="alert">{error.message}</p> : null}
        <h4>{__('Welcome email (after approval)', 'affiliate-agent')}</h4>
        <TemplateEditor id="welcome" template={welcome} tags={[...APPLICANT_MERGE_TAGS, 'referral_url']} onChange={setWelcome} issues={issues} />
        <h4>{__('Rejection email', 'affiliate-agent')}</h4>
        <ToggleControl
          __nextHasNoMarginBottom
          label={__('Tell applicants when their application is rejected', 'affiliate-agent')}
          checked={isRejectionOn}
          onChange={(isChecked: boolean) => setIsRejectionOn(isChecked)}
        />
        {isRejectionOn ? <TemplateEditor id="rejection" template={rejection} tags={[...APPLICANT_MERGE_TAGS]} onChange={setRejection} issues={issues} /> : null}
        <Button variant="primary" isBusy={isSaving} disabled={isSaving || !settings} onClick={save}>
          {__('Save emails', 'affiliate-agent')}
        </Button>
      </CardBody>
    </Card>
  );
}
