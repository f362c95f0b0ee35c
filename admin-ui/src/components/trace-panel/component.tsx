import { __, sprintf } from '@wordpress/i18n';
import type { TraceEntry, TracePanelProps } from './types';

const kindLabel = (kind: string): string =>
  ({
    retrieval: __('Retrieved from the docs', 'affiliate-agent'),
    'tool-call': __('Tool call', 'affiliate-agent'),
    validation: __('Validation', 'affiliate-agent'),
    score: __('Score', 'affiliate-agent'),
    'would-send': __('Would send (dry run)', 'affiliate-agent'),
    engine: __('Engine', 'affiliate-agent'),
    'verification-code': __('Verification code (dry run)', 'affiliate-agent'),
    verification: __('Code checked', 'affiliate-agent'),
  })[kind] ?? kind;

function Body({ entry }: { entry: TraceEntry }) {
  const { data } = entry;
  if (entry.kind === 'retrieval' && Array.isArray(data.hits)) {
    const hits = data.hits as Array<{ title?: string; url?: string; score?: number; text?: string }>;
    if (!hits.length) return <p className="aa-muted">{__('Nothing relevant found.', 'affiliate-agent')}</p>;
    return (
      <ol>
        {hits.map((hit, index) => (
          <li key={index}>
            <strong>{hit.title}</strong> {typeof hit.score === 'number' ? <span className="aa-muted">({hit.score.toFixed(2)})</span> : null}
            {hit.text ? <div className="aa-muted">{hit.text.slice(0, 200)}</div> : null}
          </li>
        ))}
      </ol>
    );
  }
  if (entry.kind === 'score') {
    const explanation = data.explanation as { summary?: string } | undefined;
    return (
      <p>
        {sprintf(__('Score %1$s → %2$s', 'affiliate-agent'), String(data.score), String(data.route))}
        {Array.isArray(data.tags) && data.tags.length ? ` · ${(data.tags as string[]).join(', ')}` : ''}
        {explanation?.summary ? <span className="aa-muted"> {explanation.summary}</span> : null}
      </p>
    );
  }
  if (entry.kind === 'engine') {
    return <p>{data.engine === 'provider' ? sprintf(__('AI model %s', 'affiliate-agent'), String(data.model ?? '')) : sprintf(__('Offline engine (%s)', 'affiliate-agent'), String(data.reason ?? ''))}</p>;
  }
  if (entry.kind === 'verification-code') {
    // The playground mails nothing: the owner reads the code here and types it in the chat.
    return (
      <p>
        {sprintf(__('Code %1$s for %2$s. Not mailed in a dry run; type it in the chat to go on.', 'affiliate-agent'), String(data.code ?? ''), String(data.email ?? ''))}
      </p>
    );
  }
  const { kind: _kind, ...rest } = data;
  return <pre className="aa-pre">{JSON.stringify(rest, null, 2)}</pre>;
}

/** What happened behind each reply: retrieval hits, tool calls, validation, the score and what each step would send. */
export function TracePanel({ entries }: TracePanelProps) {
  if (!entries.length) return <p className="aa-muted">{__('Send a message: what the agent retrieved, called and would send appears here.', 'affiliate-agent')}</p>;
  return (
    <ol className="aa-trace" aria-label={__('Trace', 'affiliate-agent')}>
      {entries.map((entry, index) => (
        <li key={index} className={`aa-trace__entry is-${entry.kind}`}>
          <details open={(entry.kind === 'would-send' && entry.data.applies !== false) || entry.kind === 'score' || entry.kind === 'verification-code'}>
            <summary>
              <span className="aa-muted">#{entry.turn}</span> {kindLabel(entry.kind)}
              {entry.kind === 'would-send' ? ` · ${String(entry.data.label ?? entry.data.stepId ?? '')} (${String(entry.data.type ?? entry.data.stepType ?? '')})` : ''}
              {entry.kind === 'would-send' && entry.data.applies === false ? ` · ${__('skipped: its condition is not met', 'affiliate-agent')}` : ''}
              {entry.kind === 'tool-call' && typeof entry.data.name === 'string' ? ` · ${entry.data.name}` : ''}
            </summary>
            <Body entry={entry} />
          </details>
        </li>
      ))}
    </ol>
  );
}
