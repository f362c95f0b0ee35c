import { Button, Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { toApiError } from '../../lib/api-client';
import { searchPreview } from './api';
import type { SearchPreview as Preview } from './types';
import { SafeLink } from '../../components/safe-link';

/** "What would the agent retrieve for this question?" — the same retrieval the chat uses. */
export function SearchPreview({ setIds }: { setIds: string[] }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSearching, setIsSearching] = useState(false);
  const search = async () => {
    setIsSearching(true);
    try {
      setResult(await searchPreview(setIds, query.trim()));
      setError(null);
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setIsSearching(false);
    }
  };
  return (
    <div className="aa-search-preview">
      <form
        className="aa-inline-form"
        onSubmit={(event: { preventDefault: () => void }) => {
          event.preventDefault();
          void search();
        }}
      >
        <TextControl __nextHasNoMarginBottom label={__('A visitor’s question', 'affiliate-agent')} placeholder={__('What is the commission rate?', 'affiliate-agent')} value={query} onChange={setQuery} />
        <Button type="submit" variant="secondary" isBusy={isSearching} disabled={isSearching || !query.trim() || setIds.length === 0}>
          {__('Preview retrieval', 'affiliate-agent')}
        </Button>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      {result ? (
        <div role="status">
          <Notice status={result.relevant ? 'success' : 'warning'} isDismissible={false}>
            {result.relevant
              ? __('The agent would answer from these passages.', 'affiliate-agent')
              : __('Nothing is relevant enough: in strict mode the agent would say it does not know and offer the contact link.', 'affiliate-agent')}
          </Notice>
          <ol className="aa-search-hits">
            {result.hits.map((hit) => (
              <li key={hit.chunkId}>
                <strong>{hit.url ? <SafeLink url={hit.url}>{hit.title}</SafeLink> : hit.title}</strong>{' '}
                <span className="aa-muted">{sprintf(__('relevance %1$s%%, score %2$s', 'affiliate-agent'), String(Math.round(hit.relevance * 100)), hit.score.toFixed(2))}</span>
                <p>{hit.text.slice(0, 400)}</p>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
