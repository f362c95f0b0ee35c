import { TextControl, TextareaControl, ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { ListInput } from '../../components/list-input';
import { issueAt, type FieldIssue } from '../../lib/field-issues';
import type { ActionDefinition } from './types';

interface IntentEditorProps {
  definition: ActionDefinition;
  issues: FieldIssue[];
  onChange: (patch: Partial<ActionDefinition>) => void;
}

/** Name, when-to-use text and phrases (the tool description), confirmation and the closing message. */
export function IntentEditor({ definition, issues, onChange }: IntentEditorProps) {
  return (
    <div className="aa-intent-editor">
      <div className="aa-grid">
        <div>
          <TextControl __nextHasNoMarginBottom label={__('Name', 'affiliate-agent')} value={definition.name} onChange={(name: string) => onChange({ name })} />
          <FieldError message={issueAt(issues, 'name')} />
        </div>
        <div>
          <TextControl __nextHasNoMarginBottom label={__('Key', 'affiliate-agent')} help={__('Lower-case letters, digits and dashes; unique per agent.', 'affiliate-agent')} value={definition.key} onChange={(key: string) => onChange({ key })} />
          <FieldError message={issueAt(issues, 'key')} />
        </div>
      </div>
      <TextareaControl
        __nextHasNoMarginBottom
        label={__('When should the agent use this action?', 'affiliate-agent')}
        help={__('Describe the visitor’s intent in plain words; the model and the offline engine both read it.', 'affiliate-agent')}
        rows={3}
        value={definition.description}
        onChange={(description: string) => onChange({ description })}
      />
      <FieldError message={issueAt(issues, 'description')} />
      <ListInput
        separator="line"
        label={__('Example phrases (one per line)', 'affiliate-agent')}
        help={__('Things visitors say when they want this, e.g. “I want to become an affiliate”.', 'affiliate-agent')}
        values={definition.examplePhrases}
        onChange={(examplePhrases) => onChange({ examplePhrases })}
        error={issueAt(issues, 'examplePhrases')}
      />
      <ToggleControl
        __nextHasNoMarginBottom
        label={__('Ask the visitor to confirm a summary before submitting', 'affiliate-agent')}
        checked={definition.confirmation.required}
        onChange={(required: boolean) => onChange({ confirmation: { ...definition.confirmation, required } })}
      />
      <ToggleControl
        __nextHasNoMarginBottom
        label={__('Verify the email address with a code before submitting', 'affiliate-agent')}
        help={__('The chat mails a 6-digit code to the first email field. Until it is typed, steps that mail that address or create the affiliate wait for a manager.', 'affiliate-agent')}
        checked={definition.verifyEmail}
        onChange={(verifyEmail: boolean) => onChange({ verifyEmail })}
      />
      {definition.confirmation.required ? (
        <>
          <TextControl
            __nextHasNoMarginBottom
            label={__('Confirmation question', 'affiliate-agent')}
            value={definition.confirmation.intro ?? ''}
            onChange={(intro: string) => onChange({ confirmation: { ...definition.confirmation, intro: intro || undefined } })}
          />
          <FieldError message={issueAt(issues, 'confirmation')} />
        </>
      ) : null}
      <TextareaControl
        __nextHasNoMarginBottom
        label={__('Message when the action completes', 'affiliate-agent')}
        help={__('Merge tags such as {{name}} are filled in.', 'affiliate-agent')}
        value={definition.completionMessage}
        onChange={(completionMessage: string) => onChange({ completionMessage })}
      />
      <FieldError message={issueAt(issues, 'completionMessage')} />
    </div>
  );
}
