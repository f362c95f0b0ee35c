import { Button, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { toApiError } from '../../lib/api-client';
import { getTranscript } from './api';
import type { TranscriptMessage } from './types';

/** Loaded on demand: transcripts can be long and most reviews need only the fields. */
export function Transcript({ conversationId }: { conversationId: string | null }) {
  const [messages, setMessages] = useState<TranscriptMessage[] | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!conversationId) return <p className="aa-muted">{__('This lead did not come from a chat conversation.', 'affiliate-agent')}</p>;
  if (!messages) {
    return (
      <>
        <Button
          variant="secondary"
          isBusy={isLoading}
          onClick={async () => {
            setIsLoading(true);
            try {
              setMessages(await getTranscript(conversationId));
            } catch (thrown) {
              const failure = toApiError(thrown);
              // Retention (transcriptsDays) and privacy erasure delete conversations; the lead stays.
              setError(
                failure.code === 'not_found'
                  ? __('This conversation is no longer stored: it was older than the transcript retention period, or erased on request.', 'affiliate-agent')
                  : failure.message,
              );
            } finally {
              setIsLoading(false);
            }
          }}
        >
          {__('Show the conversation', 'affiliate-agent')}
        </Button>
        {isLoading ? <Spinner /> : null}
        {error ? <p role="alert">{error}</p> : null}
      </>
    );
  }
  return (
    <ol className="aa-transcript">
      {messages.map((message, index) => (
        <li key={message.id ?? index} className={`aa-transcript__message is-${message.role}`}>
          <strong>{message.role === 'user' ? __('Visitor', 'affiliate-agent') : message.role === 'assistant' ? __('Agent', 'affiliate-agent') : message.role}</strong>
          {message.createdAt ? <span className="aa-muted"> {new Date(message.createdAt).toLocaleTimeString()}</span> : null}
          <div className="aa-transcript__text">{message.content}</div>
        </li>
      ))}
    </ol>
  );
}
