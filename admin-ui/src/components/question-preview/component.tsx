import { __ } from '@wordpress/i18n';
import type { QuestionPreviewProps } from './types';

/** Whether the question already tells the visitor they may skip it (the template's do, in words). */
function saysOptional(question: string): boolean {
  const marker = __('(optional)', 'affiliate-agent').toLowerCase();
  return question.toLowerCase().includes(marker) || question.toLowerCase().includes('(optional)');
}

/** How the conversation will read: the agent's questions in order, then the confirmation and the reply. */
export function QuestionPreview({ definition }: QuestionPreviewProps) {
  return (
    <section className="aa-question-preview" aria-label={__('Question preview', 'affiliate-agent')}>
      <ol className="aa-chat-preview">
        {definition.fields.map((field, index) => (
          <li className="aa-chat-preview__bubble" key={`${field.key}-${index}`}>
            <span className="aa-chat-preview__text">{field.question || <em>{__('(no question yet)', 'affiliate-agent')}</em>}</span>
            {field.required || saysOptional(field.question ?? '') ? null : <span className="aa-muted"> {__('(optional)', 'affiliate-agent')}</span>}
            {field.helpText ? <span className="aa-chat-preview__help">{field.helpText}</span> : null}
            {field.type === 'enum' && field.options?.length ? (
              <span className="aa-chat-preview__chips">
                {field.options.map((option) => (
                  <span className="aa-chip" key={option.value}>
                    {option.label}
                  </span>
                ))}
              </span>
            ) : null}
            {field.type === 'consent' && field.consentText ? <span className="aa-chat-preview__help">{field.consentText}</span> : null}
          </li>
        ))}
        {definition.confirmation.required ? (
          <li className="aa-chat-preview__bubble is-confirmation">
            {definition.confirmation.intro || __('Here is a summary. Shall I submit it?', 'affiliate-agent')}
            <span className="aa-chat-preview__chips">
              <span className="aa-chip">{__('Confirm', 'affiliate-agent')}</span>
              <span className="aa-chip">{__('Edit', 'affiliate-agent')}</span>
            </span>
          </li>
        ) : null}
        <li className="aa-chat-preview__bubble is-final">{definition.completionMessage}</li>
      </ol>
    </section>
  );
}
