import { Button, Notice, TextControl, TextareaControl, ToggleControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { issueAt, issuesUnder, type FieldIssue } from '../../lib/field-issues';
import type { ActionStep } from '../../lib/service-types';
import { FieldError } from '../field-error';
import { ListInput } from '../list-input';
import { mergeTags } from './new-step';
import type { WebhookTestResult } from './types';

interface StepConfigProps {
  step: ActionStep;
  fieldKeys: string[];
  issues: FieldIssue[];
  onChange: (step: ActionStep) => void;
  onTestWebhook: (step: Extract<ActionStep, { type: 'webhook' }>) => Promise<WebhookTestResult>;
}

function MergeTagButtons({ fieldKeys, onInsert }: { fieldKeys: string[]; onInsert: (tag: string) => void }) {
  return (
    <div className="aa-merge-tags" role="group" aria-label={__('Insert a merge tag', 'affiliate-agent')}>
      {mergeTags(fieldKeys).map((tag) => (
        <Button key={tag} size="small" variant="tertiary" onClick={() => onInsert(tag)}>
          {tag}
        </Button>
      ))}
    </div>
  );
}

function WebhookConfig({ step, issues, onChange, onTestWebhook }: Omit<StepConfigProps, 'step' | 'fieldKeys'> & { step: Extract<ActionStep, { type: 'webhook' }> }) {
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [isTesting, setIsTesting] = useState(false);
  const config = step.config;
  const setConfig = (patch: Partial<typeof config>) => onChange({ ...step, config: { ...config, ...patch } });
  const headerIssues = issuesUnder(issues, 'headers');
  const runTest = async () => {
    setIsTesting(true);
    try {
      setTest(await onTestWebhook(step));
    } catch (thrown) {
      // The service refused the test itself (an address the SSRF guard blocks, a bad URL).
      setTest({ ok: false, response: null, error: thrown instanceof Error ? thrown.message : String(thrown) });
    } finally {
      setIsTesting(false);
    }
  };
  return (
    <>
      <TextControl __nextHasNoMarginBottom type="url" label={__('Webhook URL', 'affiliate-agent')} value={config.url} onChange={(url: string) => setConfig({ url })} />
      <FieldError message={issueAt(issues, 'url')} />
      <fieldset className="aa-fieldset">
        <legend>{__('Headers', 'affiliate-agent')}</legend>
        {config.headers.map((header, index) => (
          <div className="aa-option-row" key={index}>
            <TextControl __nextHasNoMarginBottom label={sprintf(__('Header %d name', 'affiliate-agent'), index + 1)} value={header.name} onChange={(name: string) => setConfig({ headers: config.headers.map((item, itemIndex) => (itemIndex === index ? { ...item, name } : item)) })} />
            <TextControl __nextHasNoMarginBottom label={sprintf(__('Header %d value', 'affiliate-agent'), index + 1)} value={header.value} onChange={(value: string) => setConfig({ headers: config.headers.map((item, itemIndex) => (itemIndex === index ? { ...item, value } : item)) })} />
            <Button icon="no-alt" label={sprintf(__('Remove header %d', 'affiliate-agent'), index + 1)} onClick={() => setConfig({ headers: config.headers.filter((_, itemIndex) => itemIndex !== index) })} />
            <FieldError message={issueAt(headerIssues, index)} />
          </div>
        ))}
        <Button variant="secondary" onClick={() => setConfig({ headers: [...config.headers, { name: 'Authorization', value: '' }] })}>
          {__('Add header', 'affiliate-agent')}
        </Button>
      </fieldset>
      <ToggleControl __nextHasNoMarginBottom label={__('Include the conversation transcript', 'affiliate-agent')} checked={config.includeTranscript} onChange={(includeTranscript: boolean) => setConfig({ includeTranscript })} />
      <Button variant="secondary" isBusy={isTesting} disabled={isTesting} onClick={runTest}>
        {__('Send a test', 'affiliate-agent')}
      </Button>
      {test ? (
        <Notice status={test.ok ? 'success' : 'error'} isDismissible={false}>
          {test.ok ? sprintf(__('The endpoint answered HTTP %1$s in %2$s ms.', 'affiliate-agent'), String(test.response?.status ?? ''), String(test.response?.durationMs ?? 0)) : testFailure(test)}
          {test.response?.body ? <pre className="aa-pre">{test.response.body.slice(0, 500)}</pre> : null}
        </Notice>
      ) : null}
    </>
  );
}

/** What the screen shows after Send a test: the service's answer, or why the request itself failed. */
type TestOutcome = Pick<WebhookTestResult, 'ok' | 'response' | 'error'>;

/** Why the test send failed: the endpoint's status and time when it answered, else the reason. */
function testFailure(test: TestOutcome): string {
  const reason = test.error ?? __('The endpoint did not accept the test.', 'affiliate-agent');
  if (test.response?.status === undefined) return sprintf(__('The test failed: %s', 'affiliate-agent'), reason);
  return sprintf(__('The test failed: the endpoint answered HTTP %1$s in %2$s ms. %3$s', 'affiliate-agent'), String(test.response.status), String(test.response.durationMs ?? 0), reason);
}

/** The settings specific to each step type. */
export function StepConfig({ step, fieldKeys, issues, onChange, onTestWebhook }: StepConfigProps) {
  const configIssues = issuesUnder(issues, 'config');
  switch (step.type) {
    case 'affiliatewp_application':
      return (
        <>
          <p className="aa-muted">{__('Creates a pending affiliate in AffiliateWP (or links the existing one). Approval stays with a manager.', 'affiliate-agent')}</p>
          <TextareaControl __nextHasNoMarginBottom label={__('Notes added to the application', 'affiliate-agent')} value={step.config.notes ?? ''} onChange={(notes: string) => onChange({ ...step, config: { ...step.config, notes: notes || undefined } })} />
          <FieldError message={issueAt(configIssues, 'notes')} />
        </>
      );
    case 'webhook':
      return <WebhookConfig step={step} issues={configIssues} onChange={onChange} onTestWebhook={onTestWebhook} />;
    case 'email': {
      const setConfig = (patch: Partial<typeof step.config>) => onChange({ ...step, config: { ...step.config, ...patch } });
      return (
        <>
          <TextControl __nextHasNoMarginBottom label={__('To', 'affiliate-agent')} help={__('“applicant” sends to the email the visitor gave, or enter an address.', 'affiliate-agent')} value={step.config.to} onChange={(to: string) => setConfig({ to })} />
          <FieldError message={issueAt(configIssues, 'to')} />
          <TextControl __nextHasNoMarginBottom label={__('Subject', 'affiliate-agent')} value={step.config.subject} onChange={(subject: string) => setConfig({ subject })} />
          <FieldError message={issueAt(configIssues, 'subject')} />
          <TextareaControl __nextHasNoMarginBottom label={__('Body', 'affiliate-agent')} rows={6} value={step.config.body} onChange={(body: string) => setConfig({ body })} />
          <FieldError message={issueAt(configIssues, 'body')} />
          <MergeTagButtons fieldKeys={fieldKeys} onInsert={(tag) => setConfig({ body: `${step.config.body}${tag}` })} />
        </>
      );
    }
    case 'notify_manager':
      return (
        <>
          <ListInput
            label={__('Recipients', 'affiliate-agent')}
            help={__('Comma-separated emails; empty uses the notification recipients from Settings.', 'affiliate-agent')}
            values={step.config.recipients}
            onChange={(recipients) => onChange({ ...step, config: { recipients } })}
            error={issueAt(configIssues, 'recipients')}
          />
        </>
      );
    case 'reply':
      return (
        <>
          <TextareaControl __nextHasNoMarginBottom label={__('Message to the visitor', 'affiliate-agent')} value={step.config.message} onChange={(message: string) => onChange({ ...step, config: { message } })} />
          <FieldError message={issueAt(configIssues, 'message')} />
          <MergeTagButtons fieldKeys={fieldKeys} onInsert={(tag) => onChange({ ...step, config: { message: `${step.config.message}${tag}` } })} />
        </>
      );
  }
}
