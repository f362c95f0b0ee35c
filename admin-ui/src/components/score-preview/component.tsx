import { SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { routeLabels } from '../../lib/definition-labels';
import type { ActionField, FieldValue, FieldValues, QualificationResult } from '../../lib/service-types';
import { qualify } from '../../../../server/src/actions/qualification';
import type { ScorePreviewProps } from './types';

function SampleAnswer({ field, value, onChange }: { field: ActionField; value: FieldValue | undefined; onChange: (value: FieldValue | undefined) => void }) {
  const label = field.label || field.key;
  if (field.type === 'enum') {
    return (
      <SelectControl
        __nextHasNoMarginBottom
        label={label}
        value={typeof value === 'string' ? value : ''}
        options={[{ value: '', label: __('(no answer)', 'affiliate-agent') }, ...(field.options ?? []).map((option) => ({ value: option.value, label: option.label }))]}
        onChange={(next: string) => onChange(next || undefined)}
      />
    );
  }
  if (field.type === 'boolean' || field.type === 'consent') {
    return (
      <SelectControl
        __nextHasNoMarginBottom
        label={label}
        value={value === true ? 'yes' : value === false ? 'no' : ''}
        options={[
          { value: '', label: __('(no answer)', 'affiliate-agent') },
          { value: 'yes', label: __('Yes', 'affiliate-agent') },
          { value: 'no', label: __('No', 'affiliate-agent') },
        ]}
        onChange={(next: string) => onChange(next === 'yes' ? true : next === 'no' ? false : undefined)}
      />
    );
  }
  return (
    <TextControl
      __nextHasNoMarginBottom
      type={field.type === 'number' ? 'number' : 'text'}
      label={label}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(next: string) => onChange(next === '' ? undefined : field.type === 'number' && Number.isFinite(Number(next)) ? Number(next) : next)}
    />
  );
}

/**
 * Sample answers in, score and route out, with the reasons. The service scores them, so the
 * preview and real leads can never disagree; while the draft does not validate yet, the same
 * engine runs here and the result says so.
 */
export function ScorePreview({ definition, onPreview, debounceMs = 300 }: ScorePreviewProps) {
  const [answers, setAnswers] = useState<FieldValues>({});
  const [result, setResult] = useState<QualificationResult | null>(null);
  const [isLocal, setIsLocal] = useState(false);
  const [isLoading, setIsLoading] = useState(false);
  const request = useRef(0);
  const hasAnswers = Object.values(answers).some((value) => value !== undefined);

  useEffect(() => {
    if (!hasAnswers) {
      setResult(null);
      return undefined;
    }
    const current = ++request.current;
    const timer = setTimeout(async () => {
      setIsLoading(true);
      const clean = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined)) as Record<string, FieldValue>;
      try {
        const scored = await onPreview(definition, clean);
        if (current !== request.current) return;
        setResult(scored);
        setIsLocal(false);
      } catch {
        if (current !== request.current) return;
        setResult(qualify(definition.qualification, clean));
        setIsLocal(true);
      } finally {
        if (current === request.current) setIsLoading(false);
      }
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [answers, definition, onPreview, debounceMs, hasAnswers]);

  return (
    <section className="aa-score-preview" aria-label={__('Score preview', 'affiliate-agent')}>
      <p className="aa-muted">{__('Type sample answers to see the score, route and tags a lead would get.', 'affiliate-agent')}</p>
      <div className="aa-grid">
        {definition.fields.map((field) => (
          <SampleAnswer key={field.key} field={field} value={answers[field.key] ?? undefined} onChange={(value) => setAnswers((previous) => ({ ...previous, [field.key]: value }))} />
        ))}
      </div>
      <div className="aa-score-preview__result" role="status" aria-live="polite">
        {isLoading ? <Spinner /> : null}
        {result ? (
          <>
            <p className="aa-score-preview__headline">
              <strong>{sprintf(__('Score %d', 'affiliate-agent'), result.score)}</strong>{' '}
              <span className={`aa-route-badge is-${result.route}`}>{sprintf(__('Route: %s', 'affiliate-agent'), routeLabels()[result.route])}</span>
            </p>
            {result.tags.length ? (
              <p>
                {__('Tags:', 'affiliate-agent')}{' '}
                {result.tags.map((tag) => (
                  <span className="aa-chip" key={tag}>
                    {tag}
                  </span>
                ))}
              </p>
            ) : null}
            {result.explanation.matched.length ? (
              <ul className="aa-score-preview__reasons">
                {result.explanation.matched.map((rule) => (
                  <li key={rule.ruleIndex}>
                    {rule.label} ({rule.points >= 0 ? '+' : ''}
                    {rule.points})
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="aa-muted">{result.explanation.summary}</p>
            {isLocal ? <p className="aa-muted">{__('Computed in the browser because the draft has problems to fix; the service confirms it once they are fixed.', 'affiliate-agent')}</p> : null}
          </>
        ) : hasAnswers ? null : (
          <p className="aa-muted">{__('No sample answers yet.', 'affiliate-agent')}</p>
        )}
      </div>
    </section>
  );
}
