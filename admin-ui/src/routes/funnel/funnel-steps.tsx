import { __, _n, sprintf } from '@wordpress/i18n';
import { formatNumber } from '../../lib/format-number';
import type { FunnelCounts } from './types';

interface Step {
  key: string;
  label: string;
  count: number;
  /** Left at this step: reached the one before, not this one. */
  dropOff: number | null;
}

/** The funnel's steps in order, each with how many left since the step before. */
export function stepsOf(counts: FunnelCounts): Step[] {
  const steps: Step[] = [
    { key: 'conversations', label: __('Conversations', 'affiliate-agent'), count: counts.conversations, dropOff: null },
    { key: 'started', label: __('Application started', 'affiliate-agent'), count: counts.applicationStarted, dropOff: Math.max(0, counts.conversations - counts.applicationStarted) },
    ...counts.fields.map((field) => ({
      key: `field:${field.actionKey}:${field.fieldKey}`,
      /* translators: %s: the label of an application field, such as "Email". */
      label: sprintf(__('Answered: %s', 'affiliate-agent'), field.label),
      count: field.reached,
      dropOff: field.dropOff,
    })),
  ];
  const lastField = counts.fields.length ? counts.fields[counts.fields.length - 1].reached : counts.applicationStarted;
  steps.push({ key: 'submitted', label: __('Submitted', 'affiliate-agent'), count: counts.submitted, dropOff: Math.max(0, lastField - counts.submitted) });
  steps.push({ key: 'approved', label: __('Approved', 'affiliate-agent'), count: counts.approved, dropOff: null });
  return steps;
}

/**
 * A step chart in plain CSS bars (no chart package): each bar's width is its share of the conversations,
 * and the numbers are text beside it, so neither colour nor length is the only cue.
 */
export function FunnelSteps({ counts }: { counts: FunnelCounts }) {
  const steps = stepsOf(counts);
  const max = Math.max(1, counts.conversations);
  return (
    <ol className="aa-funnel-steps" aria-label={__('Funnel steps', 'affiliate-agent')}>
      {steps.map((step) => (
        <li key={step.key} className="aa-funnel-steps__step" data-step={step.key}>
          <span className="aa-funnel-steps__label">{step.label}</span>
          <span className="aa-funnel-steps__track" aria-hidden="true">
            <span className="aa-funnel-steps__bar" style={{ width: `${Math.round((step.count / max) * 100)}%` }} />
          </span>
          <span className="aa-funnel-steps__count" data-count={step.count}>
            {formatNumber(step.count)}
          </span>
          <span className="aa-funnel-steps__drop aa-muted">
            {step.dropOff ? sprintf(_n('%s left here', '%s left here', step.dropOff, 'affiliate-agent'), formatNumber(step.dropOff)) : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
