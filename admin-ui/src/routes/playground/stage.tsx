import { Button, Card, CardBody, CardHeader, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { markPlaygroundTried } from '../../components/setup-checklist';
import { TracePanel, type TraceEntry } from '../../components/trace-panel';
import { toApiError } from '../../lib/api-client';
import { navigate } from '../../lib/hash-route';
import type { ChatEvent } from '../../../../server/src/contract/chat-events';
import { useRequest } from '../../lib/use-request';
import type { StageProps } from '../route-types';
import { listAgents, mintAdminToken, sendMessage, startConversation } from './api';
import type { AdminToken, ChatMessage } from './types';
import { AnswerText } from './answer-text';
import { confirmationLeadIn } from '../../../../server/src/contract/confirmation-text';
import './style.scss';

/**
 * Chat with an agent's drafts in dry run: nothing is stored as a lead and no step runs; the trace
 * shows what the agent retrieved, called, validated, scored and would have sent.
 */
export function PlaygroundStage({ params }: StageProps) {
  const { data: agents, isLoading: isLoadingAgents } = useRequest(listAgents, []);
  const agentId = params.agentId ?? agents?.[0]?.id;
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [trace, setTrace] = useState<TraceEntry[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [engine, setEngine] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const auth = useRef<AdminToken | null>(null);
  const turn = useRef(0);
  const hasAnswered = useRef(false);
  const transcriptRef = useRef<HTMLOListElement | null>(null);

  // The newest message stays in view as it streams in (the list scrolls, not the page).
  useEffect(() => {
    const list = transcriptRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages]);

  const token = async (): Promise<AdminToken> => {
    // Renew a minute early: the admin token lives at most 15 minutes.
    if (!auth.current || Date.parse(auth.current.expiresAt) - Date.now() < 60_000) auth.current = await mintAdminToken();
    return auth.current;
  };

  const reset = async () => {
    if (!agentId) return;
    setIsBusy(true);
    setError(null);
    setMessages([]);
    setTrace([]);
    setEngine(null);
    turn.current = 0;
    try {
      const started = await startConversation(await token(), agentId);
      setConversationId(started.conversationId);
      setMessages(started.greeting ? [{ role: 'assistant', content: started.greeting }] : []);
    } catch (thrown) {
      setConversationId(null);
      setError(toApiError(thrown).message);
    } finally {
      setIsBusy(false);
    }
  };
  useEffect(() => {
    void reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [agentId]);

  const updateLast = (change: (message: ChatMessage) => ChatMessage) =>
    setMessages((previous) => {
      const index = previous.map((message) => message.role).lastIndexOf('assistant');
      if (index === -1) return previous;
      return previous.map((message, itemIndex) => (itemIndex === index ? change(message) : message));
    });

  const onEvent = (event: ChatEvent) => {
    switch (event.type) {
      case 'message-start':
        setMessages((previous) => [...previous, { role: 'assistant', content: '' }]);
        break;
      case 'text-delta':
        updateLast((message) => ({ ...message, content: message.content + event.data.delta }));
        break;
      case 'field-request': {
        const { options } = event.data.field;
        if (options?.length) updateLast((message) => ({ ...message, options }));
        break;
      }
      case 'citations':
        updateLast((message) => ({ ...message, citations: event.data.citations }));
        break;
      case 'confirmation-request':
        updateLast((message) => ({ ...message, summary: event.data.summary ?? [] }));
        break;
      case 'action-completed':
        setMessages((previous) => [...previous, { role: 'system', content: sprintf(__('Action “%s” completed in dry run: no lead was stored and no step ran. See “Would send” in the trace.', 'affiliate-agent'), event.data.actionKey) }]);
        break;
      case 'error':
        setMessages((previous) => [...previous, { role: 'system', content: event.data.message || __('The agent could not answer.', 'affiliate-agent'), isError: true }]);
        break;
      case 'message-end':
        if (event.data.usage?.engine) setEngine(event.data.usage.engine);
        break;
      case 'trace':
        setTrace((previous) => [...previous, { turn: turn.current, kind: String(event.data.kind ?? 'trace'), data: event.data }]);
        break;
    }
  };

  const send = async (content: string) => {
    if (!conversationId || !content.trim()) return;
    setIsBusy(true);
    setError(null);
    setText('');
    turn.current += 1;
    setMessages((previous) => [...previous, { role: 'user', content }]);
    try {
      await sendMessage(await token(), conversationId, content, onEvent);
      // The setup checklist's "try it in the playground" step: recorded once, failures do not matter.
      if (!hasAnswered.current) {
        hasAnswered.current = true;
        markPlaygroundTried().catch(() => undefined);
      }
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setIsBusy(false);
    }
  };

  if (isLoadingAgents && !agents) return <Spinner />;
  if (!agents?.length) {
    return (
      <EmptyState title={__('No agent to talk to yet', 'affiliate-agent')} action={<Button variant="primary" href="#/agents/new">{__('Create an agent', 'affiliate-agent')}</Button>}>
        {__('The playground chats with an agent’s draft actions without storing leads or sending anything.', 'affiliate-agent')}
      </EmptyState>
    );
  }
  return (
    <div className="aa-playground">
      <div className="aa-toolbar">
        <SelectControl
          __nextHasNoMarginBottom
          label={__('Agent', 'affiliate-agent')}
          value={agentId}
          options={agents.map((agent) => ({ value: agent.id, label: agent.name }))}
          onChange={(next: string) => navigate(`/playground/${next}`)}
        />
        <Button variant="secondary" onClick={reset} disabled={isBusy}>
          {__('Reset conversation', 'affiliate-agent')}
        </Button>
        <span className="aa-muted" role="status">
          {engine === 'provider' ? __('Answering with the AI model', 'affiliate-agent') : engine === 'offline' ? __('Answering with the offline engine', 'affiliate-agent') : ''}
        </span>
      </div>
      {error ? (
        <Notice status="error" isDismissible={false}>
          {error}
        </Notice>
      ) : null}
      <div className="aa-two-columns">
        <Card className="aa-card aa-playground__chat">
          <CardHeader>
            <h3>{__('Conversation (dry run)', 'affiliate-agent')}</h3>
          </CardHeader>
          <CardBody>
            <ol ref={transcriptRef} className="aa-transcript" aria-live="polite" aria-label={__('Conversation', 'affiliate-agent')}>
              {messages.map((message, index) => (
                <li key={index} className={`aa-transcript__message is-${message.role}${message.isError ? ' is-error' : ''}`}>
                  <strong>{message.role === 'user' ? __('You', 'affiliate-agent') : message.role === 'assistant' ? __('Agent', 'affiliate-agent') : __('Playground', 'affiliate-agent')}</strong>
                  <div className="aa-transcript__text">
                    {message.role === 'user' ? message.content : <AnswerText text={message.summary ? confirmationLeadIn(message.content) : message.content} citations={message.citations} />}
                  </div>
                  {message.summary ? (
                    <div className="aa-confirmation-card">
                      <dl className="aa-definition-list">
                        {message.summary.map((item) => (
                          <div key={item.key}>
                            <dt>{item.label}</dt>
                            <dd>{String(item.value)}</dd>
                          </div>
                        ))}
                      </dl>
                      <Button variant="primary" size="small" disabled={isBusy || index !== messages.length - 1} onClick={() => send('yes')}>
                        {__('Confirm', 'affiliate-agent')}
                      </Button>{' '}
                      <Button variant="secondary" size="small" disabled={isBusy || index !== messages.length - 1} onClick={() => send('edit')}>
                        {__('Edit', 'affiliate-agent')}
                      </Button>
                    </div>
                  ) : null}
                  {message.options && index === messages.length - 1 ? (
                    <div className="aa-chat-preview__chips">
                      {message.options.map((option) => (
                        <Button key={option.value} variant="secondary" size="small" disabled={isBusy} onClick={() => send(option.label)}>
                          {option.label}
                        </Button>
                      ))}
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
            {isBusy ? <Spinner /> : null}
            <form
              className="aa-inline-form"
              onSubmit={(event: { preventDefault: () => void }) => {
                event.preventDefault();
                void send(text);
              }}
            >
              <TextControl __nextHasNoMarginBottom label={__('Message', 'affiliate-agent')} value={text} onChange={setText} disabled={!conversationId} />
              <Button type="submit" variant="primary" disabled={isBusy || !conversationId || !text.trim()}>
                {__('Send', 'affiliate-agent')}
              </Button>
            </form>
          </CardBody>
        </Card>
        <Card className="aa-card">
          <CardHeader>
            <h3>{__('Trace', 'affiliate-agent')}</h3>
          </CardHeader>
          <CardBody>
            <TracePanel entries={trace} />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
