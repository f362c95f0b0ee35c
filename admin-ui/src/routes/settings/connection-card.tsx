import { Button, Card, CardBody, CardHeader, Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { toApiError } from '../../lib/api-client';
import { connectWithKey, testConnection } from './api';
import type { ConnectionReport, ConnectionState } from './types';

interface ConnectionCardProps {
  connection: ConnectionState | null;
  onConnected: (connection: ConnectionState) => void;
}

/**
 * One field for the connection key; "Connect" saves and tests it in the same request, so the
 * report always describes what is saved. Its errors stay on this card (they are about the key).
 */
export function ConnectionCard({ connection, onConnected }: ConnectionCardProps) {
  const [key, setKey] = useState('');
  const [publicUrl, setPublicUrl] = useState(connection?.publicServiceUrl ?? '');
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [keyError, setKeyError] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const [isChanging, setIsChanging] = useState(!connection?.configured);
  const isPinned = connection?.pinned ?? false;

  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    setKeyError(undefined);
    try {
      await work();
    } catch (thrown) {
      setReport(null);
      setKeyError(toApiError(thrown).message);
    } finally {
      setIsBusy(false);
    }
  };
  const connect = () =>
    run(async () => {
      const result = await connectWithKey(key, publicUrl.trim());
      setReport(result.report);
      setKey('');
      if (result.report.ok) setIsChanging(false);
      onConnected(result.connection);
    });
  const test = () =>
    run(async () => {
      const result = await testConnection();
      setReport(result);
    });

  return (
    <Card className="aa-card aa-connection">
      <CardHeader>
        <h3>{__('Connection to the service', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {connection?.configured && !isChanging ? (
          <p>
            {sprintf(__('Connected to %1$s with the secret %2$s.', 'affiliate-agent'), connection.serviceUrl, connection.secretHint)}{' '}
            {isPinned ? __('Set in wp-config.php.', 'affiliate-agent') : null}
          </p>
        ) : null}
        {isChanging && !isPinned ? (
          <form
            className="aa-connection__form"
            onSubmit={(event: { preventDefault: () => void }) => {
              event.preventDefault();
              void connect();
            }}
          >
            <TextControl
              __nextHasNoMarginBottom
              label={__('Connection key', 'affiliate-agent')}
              help={__('The service prints it when it first starts in a terminal; run `npm run connection-key` where the service runs to see it again. It starts with aak1_.', 'affiliate-agent')}
              value={key}
              onChange={setKey}
              autoComplete="off"
              spellCheck={false}
              placeholder="aak1_…"
              className="aa-connection__key"
            />
            <FieldError message={keyError} />
            <details className="aa-connection__advanced">
              <summary>{__('Advanced: a different address for visitors', 'affiliate-agent')}</summary>
              <TextControl
                __nextHasNoMarginBottom
                type="url"
                label={__('Public service URL (optional)', 'affiliate-agent')}
                help={__('Where visitors’ browsers reach the service, when it differs from the address in the key (for example behind a reverse proxy).', 'affiliate-agent')}
                value={publicUrl}
                onChange={setPublicUrl}
              />
            </details>
            <div className="aa-button-row">
              <Button type="submit" variant="primary" isBusy={isBusy} disabled={isBusy || (!key.trim() && !connection?.configured)}>
                {__('Connect', 'affiliate-agent')}
              </Button>
              {connection?.configured ? (
                <Button variant="tertiary" onClick={() => setIsChanging(false)}>
                  {__('Cancel', 'affiliate-agent')}
                </Button>
              ) : null}
            </div>
          </form>
        ) : (
          <div className="aa-button-row">
            <Button variant="secondary" isBusy={isBusy} disabled={isBusy} onClick={() => void test()}>
              {__('Test the connection', 'affiliate-agent')}
            </Button>
            {!isPinned ? (
              <Button variant="tertiary" onClick={() => setIsChanging(true)}>
                {__('Change the connection key', 'affiliate-agent')}
              </Button>
            ) : null}
          </div>
        )}
        {!isChanging && keyError ? <FieldError message={keyError} /> : null}
        {report ? <ConnectionReportNotice report={report} /> : null}
      </CardBody>
    </Card>
  );
}

function ConnectionReportNotice({ report }: { report: ConnectionReport }) {
  return (
    <Notice status={report.ok ? 'success' : 'error'} isDismissible={false}>
      <p>
        <strong>
          {report.ok
            ? sprintf(__('Connected to %1$s (version %2$s).', 'affiliate-agent'), report.serviceUrl ?? '', report.version ?? '?')
            : __('Saved, but the connection does not work yet.', 'affiliate-agent')}
        </strong>
        {report.clockSkewSeconds !== null ? ` ${sprintf(__('Clock difference: %d s.', 'affiliate-agent'), report.clockSkewSeconds)}` : ''}
      </p>
      {report.messages.length ? (
        <ul>
          {report.messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
