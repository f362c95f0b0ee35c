import { Button, Spinner, TextControl, TextareaControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { adminConfig } from '../../lib/admin-config';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import { addFaq, deleteSource, listSources, syncSite, uploadFile } from './api';
import { contentTypeOf, readAsBase64 } from './read-file';
import type { KnowledgeSet } from './types';
import { WORDPRESS_CONTENT_TYPES, type WordpressContentType } from '../../../../server/src/contract/knowledge-types';
import { TableHead } from '../../components/table-head';
import { SafeLink } from '../../components/safe-link';
import { TableScroll } from '../../components/table-scroll';

/** The owner's chosen post types that the service can index (null while the choice is loading). */
export function syncableTypes(siteTypes: string[] | null): WordpressContentType[] {
  return (siteTypes ?? []).filter((type): type is WordpressContentType => (WORDPRESS_CONTENT_TYPES as readonly string[]).includes(type));
}

/** The sources of one set with their indexing status, and the three ways to add more. */
export function SetSources({ set, siteTypes, onChanged }: { set: KnowledgeSet; siteTypes: string[] | null; onChanged: () => void }) {
  const notify = useNotify();
  const { data: sources, isLoading, error, reload } = useRequest(() => listSources(set.id), [set.id]);
  const [faq, setFaq] = useState({ question: '', answer: '' });
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, work: () => Promise<string>) => {
    setBusy(key);
    try {
      notify.success(await work());
      await reload();
      onChanged();
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setBusy(null);
    }
  };
  const siteUrl = adminConfig().adminUrl.replace(/wp-admin\/?$/, '') || undefined;

  return (
    <div className="aa-set-sources">
      <div className="aa-toolbar">
        <Button
          variant="secondary"
          isBusy={busy === 'sync'}
          disabled={busy !== null || syncableTypes(siteTypes).length === 0}
          onClick={() =>
            run('sync', async () => {
              const summary = await syncSite(set.id, syncableTypes(siteTypes), siteUrl);
              return sprintf(__('Site content synced: %1$d new, %2$d updated, %3$d unchanged, %4$d removed, %5$d failed.', 'affiliate-agent'), summary.created, summary.updated, summary.unchanged, summary.removed, summary.failed);
            })
          }
        >
          {__('Sync site content', 'affiliate-agent')}
        </Button>
        <label className="components-button is-secondary aa-upload">
          {__('Upload a file', 'affiliate-agent')}
          <input
            type="file"
            className="screen-reader-text"
            accept=".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf"
            onChange={(event: { target: HTMLInputElement }) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              void run('upload', async () => {
                await uploadFile(set.id, { filename: file.name, contentType: contentTypeOf(file), contentBase64: await readAsBase64(file) });
                return sprintf(__('%s uploaded; it is being indexed.', 'affiliate-agent'), file.name);
              });
            }}
          />
        </label>
      </div>
      {isLoading && !sources ? <Spinner /> : null}
      {error ? <p role="alert">{error.message}</p> : null}
      {sources && sources.length === 0 ? (
        <EmptyState title={__('This set has no sources yet', 'affiliate-agent')}>
          {__('Sync your site’s pages, upload your program terms (text, Markdown, HTML or PDF), or add a question and answer below.', 'affiliate-agent')}
        </EmptyState>
      ) : null}
      {sources?.length ? (
        <TableScroll label={set.name}>
          <table className="widefat striped aa-table">
            <TableHead columns={[__('Source', 'affiliate-agent'), __('Kind', 'affiliate-agent'), __('Status', 'affiliate-agent'), __('Chunks', 'affiliate-agent'), __('Last sync', 'affiliate-agent')]} actionsColumn />
            <tbody>
              {sources.map((source) => (
                <tr key={source.id}>
                  <td>{source.url ? <SafeLink url={source.url}>{source.title}</SafeLink> : source.title}</td>
                  <td>{source.kind}</td>
                  <td>
                    <span className={`aa-chip is-${source.status}`}>{source.status}</span>
                    {source.failureReason ? <div className="aa-error-text">{source.failureReason}</div> : null}
                  </td>
                  <td>{source.chunkCount}</td>
                  <td>{source.lastSyncedAt ? new Date(source.lastSyncedAt).toLocaleString() : '—'}</td>
                  <td>
                    <Button
                      icon="trash"
                      isDestructive
                      label={sprintf(__('Delete %s', 'affiliate-agent'), source.title)}
                      disabled={busy !== null}
                      onClick={() => run(`delete-${source.id}`, async () => {
                        await deleteSource(source.id);
                        return __('Source deleted.', 'affiliate-agent');
                      })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <fieldset className="aa-fieldset">
        <legend>{__('Add a question and answer', 'affiliate-agent')}</legend>
        <TextControl __nextHasNoMarginBottom label={__('Question', 'affiliate-agent')} value={faq.question} onChange={(question: string) => setFaq((previous) => ({ ...previous, question }))} />
        <TextareaControl __nextHasNoMarginBottom label={__('Answer', 'affiliate-agent')} value={faq.answer} onChange={(answer: string) => setFaq((previous) => ({ ...previous, answer }))} />
        <Button
          variant="secondary"
          isBusy={busy === 'faq'}
          disabled={busy !== null || faq.question.trim().length < 3 || !faq.answer.trim()}
          onClick={() =>
            run('faq', async () => {
              await addFaq(set.id, { question: faq.question.trim(), answer: faq.answer.trim() });
              setFaq({ question: '', answer: '' });
              return __('Question added.', 'affiliate-agent');
            })
          }
        >
          {__('Add FAQ', 'affiliate-agent')}
        </Button>
      </fieldset>
    </div>
  );
}
