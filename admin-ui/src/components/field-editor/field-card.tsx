import { Button, Card, CardBody, CardHeader, SelectControl, TextControl, TextareaControl, ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { issueAt, issuesUnder } from '../../lib/field-issues';
import { fieldTypeLabels, options } from '../../lib/definition-labels';
import type { ActionField, FieldType } from '../../lib/service-types';
import { FieldError } from '../field-error';
import { ListInput } from '../list-input';
import { NumberInput } from '../number-input';
import { keyFromLabel } from './field-keys';
import type { FieldCardProps } from './types';

const TEXTUAL: FieldType[] = ['text', 'email', 'url', 'phone'];

export function FieldCard({ field, index, count, issues, onChange, onMove, onRemove }: FieldCardProps) {
  const name = field.label || sprintf(__('Field %d', 'affiliate-agent'), index + 1);
  const set = (patch: Partial<ActionField>) => onChange({ ...field, ...patch });
  const setValidation = (patch: Partial<ActionField['validation']>) => {
    const validation = { ...field.validation, ...patch };
    (Object.keys(validation) as Array<keyof typeof validation>).forEach((key) => validation[key] === undefined && delete validation[key]);
    set({ validation });
  };
  const changeLabel = (label: string) => {
    // The key follows the label until someone edits the key by hand.
    const isKeyDerived = field.key === keyFromLabel(field.label) || /^new_field(_\d+)?$/.test(field.key);
    set({ label, ...(isKeyDerived && label ? { key: keyFromLabel(label) } : {}) });
  };
  const changeType = (type: FieldType) => {
    const next: ActionField = { ...field, type };
    if (type === 'enum' && !next.options?.length) {
      next.options = [
        { value: 'option_1', label: __('Option 1', 'affiliate-agent'), synonyms: [] },
        { value: 'option_2', label: __('Option 2', 'affiliate-agent'), synonyms: [] },
      ];
    }
    if (type !== 'enum') delete next.options;
    if (type !== 'consent') delete next.consentText;
    onChange(next);
  };
  const optionIssues = issuesUnder(issues, 'options');
  return (
    <Card className="aa-field-card" size="small" role="group" aria-label={sprintf(__('Field %1$d: %2$s', 'affiliate-agent'), index + 1, name)}>
      <CardHeader>
        <strong>
          {index + 1}. {name}{' '}
          <span className="aa-muted">
            ({fieldTypeLabels()[field.type]}
            {field.required ? '' : `, ${__('optional', 'affiliate-agent')}`})
          </span>
        </strong>
        <div className="aa-row-actions">
          <Button icon="arrow-up-alt2" label={sprintf(__('Move %s up', 'affiliate-agent'), name)} disabled={index === 0} onClick={() => onMove(-1)} />
          <Button icon="arrow-down-alt2" label={sprintf(__('Move %s down', 'affiliate-agent'), name)} disabled={index === count - 1} onClick={() => onMove(1)} />
          <Button icon="trash" isDestructive label={sprintf(__('Remove %s', 'affiliate-agent'), name)} disabled={count === 1} onClick={onRemove} />
        </div>
      </CardHeader>
      <CardBody>
        <div className="aa-grid">
          <div>
            <TextControl __nextHasNoMarginBottom label={__('Label', 'affiliate-agent')} value={field.label} onChange={changeLabel} />
            <FieldError message={issueAt(issues, 'label')} />
          </div>
          <div>
            <TextControl
              __nextHasNoMarginBottom
              label={__('Key', 'affiliate-agent')}
              help={__('Used in rules, merge tags and exports.', 'affiliate-agent')}
              value={field.key}
              onChange={(key: string) => set({ key })}
            />
            <FieldError message={issueAt(issues, 'key')} />
          </div>
          <div>
            <SelectControl
              __nextHasNoMarginBottom
              label={__('Type', 'affiliate-agent')}
              value={field.type}
              options={options(fieldTypeLabels())}
              onChange={(type: string) => changeType(type as FieldType)}
            />
            <FieldError message={issueAt(issues, 'type')} />
          </div>
          <ToggleControl
            __nextHasNoMarginBottom
            label={__('Required', 'affiliate-agent')}
            checked={field.required}
            onChange={(required: boolean) => set({ required })}
          />
        </div>
        <TextareaControl
          __nextHasNoMarginBottom
          label={__('Question the agent asks', 'affiliate-agent')}
          rows={2}
          value={field.question}
          onChange={(question: string) => set({ question })}
        />
        <FieldError message={issueAt(issues, 'question')} />
        <TextControl
          __nextHasNoMarginBottom
          label={__('Help text (optional)', 'affiliate-agent')}
          value={field.helpText ?? ''}
          onChange={(helpText: string) => set({ helpText: helpText || undefined })}
        />
        <FieldError message={issueAt(issues, 'helpText')} />
        {TEXTUAL.includes(field.type) ? (
          <fieldset className="aa-fieldset">
            <legend>{__('Validation', 'affiliate-agent')}</legend>
            <div className="aa-grid">
              <NumberInput label={__('Minimum length', 'affiliate-agent')} value={field.validation.minLength} min={0} onChange={(minLength) => setValidation({ minLength })} error={issueAt(issues, 'validation', 'minLength')} />
              <NumberInput label={__('Maximum length', 'affiliate-agent')} value={field.validation.maxLength} min={1} onChange={(maxLength) => setValidation({ maxLength })} error={issueAt(issues, 'validation', 'maxLength')} />
              <div>
                <TextControl __nextHasNoMarginBottom label={__('Pattern (regular expression)', 'affiliate-agent')} value={field.validation.pattern ?? ''} onChange={(pattern: string) => setValidation({ pattern: pattern || undefined })} />
                <FieldError message={issueAt(issues, 'validation', 'pattern')} />
              </div>
              <TextControl __nextHasNoMarginBottom label={__('Message when the pattern fails', 'affiliate-agent')} value={field.validation.patternMessage ?? ''} onChange={(patternMessage: string) => setValidation({ patternMessage: patternMessage || undefined })} />
            </div>
          </fieldset>
        ) : null}
        {field.type === 'number' ? (
          <fieldset className="aa-fieldset">
            <legend>{__('Validation', 'affiliate-agent')}</legend>
            <div className="aa-grid">
              <NumberInput label={__('Minimum', 'affiliate-agent')} value={field.validation.min} onChange={(min) => setValidation({ min })} error={issueAt(issues, 'validation', 'min')} />
              <NumberInput label={__('Maximum', 'affiliate-agent')} value={field.validation.max} onChange={(max) => setValidation({ max })} error={issueAt(issues, 'validation', 'max')} />
            </div>
          </fieldset>
        ) : null}
        {field.type === 'enum' ? (
          <fieldset className="aa-fieldset">
            <legend>{__('Options', 'affiliate-agent')}</legend>
            <FieldError message={optionIssues.filter((issue) => issue.path.length === 0).map((issue) => issue.message).join('; ') || undefined} />
            {(field.options ?? []).map((option, optionIndex) => {
              const setOption = (patch: Partial<typeof option>) =>
                set({ options: (field.options ?? []).map((item, itemIndex) => (itemIndex === optionIndex ? { ...item, ...patch } : item)) });
              return (
                <div className="aa-option-row" key={optionIndex}>
                  <TextControl __nextHasNoMarginBottom label={__('Option label', 'affiliate-agent')} value={option.label} onChange={(label: string) => setOption({ label, ...(option.value === keyFromLabel(option.label) || /^option_\d+$/.test(option.value) ? { value: keyFromLabel(label) } : {}) })} />
                  <TextControl __nextHasNoMarginBottom label={__('Stored value', 'affiliate-agent')} value={option.value} onChange={(value: string) => setOption({ value })} />
                  <ListInput label={__('Other words visitors use', 'affiliate-agent')} values={option.synonyms} onChange={(synonyms) => setOption({ synonyms })} />
                  <Button
                    icon="no-alt"
                    label={sprintf(__('Remove option %s', 'affiliate-agent'), option.label)}
                    onClick={() => set({ options: (field.options ?? []).filter((_, itemIndex) => itemIndex !== optionIndex) })}
                  />
                  <FieldError message={issueAt(optionIssues, optionIndex)} />
                </div>
              );
            })}
            <Button
              variant="secondary"
              onClick={() => {
                const number = (field.options?.length ?? 0) + 1;
                set({ options: [...(field.options ?? []), { value: `option_${number}`, label: sprintf(__('Option %d', 'affiliate-agent'), number), synonyms: [] }] });
              }}
            >
              {__('Add option', 'affiliate-agent')}
            </Button>
          </fieldset>
        ) : null}
        {field.type === 'consent' ? (
          <>
            <TextareaControl
              __nextHasNoMarginBottom
              label={__('Consent text the visitor agrees to', 'affiliate-agent')}
              help={__('Stored word for word with the lead, with the time of consent.', 'affiliate-agent')}
              value={field.consentText ?? ''}
              onChange={(consentText: string) => set({ consentText: consentText || undefined })}
            />
            <FieldError message={issueAt(issues, 'consentText')} />
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
