import { Button, Card, CardBody, CardHeader, CheckboxControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { SafeLink } from '../../components/safe-link';
import { TableHead } from '../../components/table-head';
import { useNotify } from '../../lib/notify';
import { saveSiteContent, sendQueuedChanges } from './api';
import type { SiteContentReport, SiteContentSelection } from './types';
import { TableScroll } from '../../components/table-scroll';

type Page = SiteContentReport['pages'][number];

/**
 * The selection after the owner ticks or unticks "Send" on one page. Sending a page the rule skips
 * (only the chat block, no text) needs an "include" override; a page excluded by hand only needs
 * its exclusion lifted, and the report then says whether the rule still skips it.
 */
export function withPageSent(selection: SiteContentSelection, page: Page, send: boolean): SiteContentSelection {
  const without = (ids: number[]) => ids.filter((id) => id !== page.id);
  if (!send) return { ...selection, include: without(selection.include), exclude: [...without(selection.exclude), page.id] };
  const ruleSkips = page.reason !== null && page.reason !== 'excluded';
  return { ...selection, exclude: without(selection.exclude), include: ruleSkips ? [...without(selection.include), page.id] : selection.include };
}

/** Which post types and pages the site sync sends, what it skips and why, and pushes waiting to be sent. */
export function SiteContentCard({ report, onReport }: { report: SiteContentReport; onReport: (next: SiteContentReport) => void }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  /** `shown` is what the screen shows while the request runs (a ticked box stays ticked); a failure puts the old report back. */
  const run = async (work: () => Promise<SiteContentReport>, success: (next: SiteContentReport) => string, shown: SiteContentReport = report) => {
    const before = report;
    setBusy(true);
    onReport(shown);
    try {
      const next = await work();
      onReport(next);
      notify.success(success(next));
    } catch (thrown) {
      onReport(before);
      notify.failure(thrown);
    } finally {
      setBusy(false);
    }
  };
  const save = (selection: SiteContentSelection, pages = report.pages) =>
    run(() => saveSiteContent(selection), () => __('Site content choice saved. Sync site content to apply it to a knowledge set.', 'affiliate-agent'), { ...report, selection, pages });
  const { selection, queue } = report;
  const skipped = report.pages.filter((page) => !page.sent);

  return (
    <Card className="aa-card aa-site-content">
      <CardHeader>
        <h3>{__('Site content', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {queue.count > 0 ? (
          <div className="aa-queue-status" role="status">
            <strong>{sprintf(_n('%d change waiting to be sent', '%d changes waiting to be sent', queue.count, 'affiliate-agent'), queue.count)}</strong>
            {queue.lastError ? <p className="aa-error-text">{sprintf(__('Last error: %s', 'affiliate-agent'), queue.lastError)}</p> : null}
            {queue.nextAttemptAt ? <p className="aa-muted">{sprintf(__('Next automatic try: %s', 'affiliate-agent'), new Date(queue.nextAttemptAt).toLocaleString())}</p> : null}
            {queue.dropped > 0 ? (
              <p>{sprintf(_n('%d older change was dropped from the full queue; run “Sync site content” to catch up.', '%d older changes were dropped from the full queue; run “Sync site content” to catch up.', queue.dropped, 'affiliate-agent'), queue.dropped)}</p>
            ) : null}
            <Button
              variant="secondary"
              isBusy={busy}
              disabled={busy}
              onClick={() =>
                run(sendQueuedChanges, (next) =>
                  next.queue.count === 0 ? __('Every waiting change was sent.', 'affiliate-agent') : sprintf(_n('%d change is still waiting: the service did not take it.', '%d changes are still waiting: the service did not take them.', next.queue.count, 'affiliate-agent'), next.queue.count),
                )
              }
            >
              {__('Send now', 'affiliate-agent')}
            </Button>
          </div>
        ) : null}
        <fieldset className="aa-fieldset">
          <legend>{__('Post types to sync', 'affiliate-agent')}</legend>
          {report.availableTypes.map((type) => (
            <CheckboxControl
              key={type.name}
              __nextHasNoMarginBottom
              label={type.label}
              checked={selection.types.includes(type.name)}
              disabled={busy}
              onChange={(checked: boolean) => save({ ...selection, types: checked ? [...selection.types, type.name] : selection.types.filter((name) => name !== type.name) })}
            />
          ))}
          {selection.types.length === 0 ? <p className="aa-error-text">{__('Choose at least one post type, or the sync has nothing to send.', 'affiliate-agent')}</p> : null}
        </fieldset>
        {report.pages.length ? (
          <>
            <p className="aa-muted">
              {skipped.length
                ? sprintf(_n('%d page is skipped. Pages holding only the chat block are skipped unless you tick them.', '%d pages are skipped. Pages holding only the chat block are skipped unless you tick them.', skipped.length, 'affiliate-agent'), skipped.length)
                : __('Every page is sent.', 'affiliate-agent')}
            </p>
            <TableScroll label={__('Site content', 'affiliate-agent')} className="aa-site-pages-scroll">
              <table className="widefat striped aa-table aa-site-pages">
                <TableHead columns={[__('Send', 'affiliate-agent'), __('Page', 'affiliate-agent'), __('Status', 'affiliate-agent')]} />
                <tbody>
                  {report.pages.map((page) => (
                    <tr key={page.id} data-page-id={page.id}>
                      <td>
                        <CheckboxControl
                          __nextHasNoMarginBottom
                          aria-label={sprintf(__('Send “%s”', 'affiliate-agent'), page.title)}
                          checked={page.sent}
                          disabled={busy || !selection.types.includes('page')}
                          onChange={(checked: boolean) =>
                            save(
                              withPageSent(selection, page, checked),
                              report.pages.map((row) => (row.id === page.id ? { ...row, sent: checked } : row)),
                            )
                          }
                        />
                      </td>
                      <td>
                        <SafeLink url={page.url}>{page.title || __('(no title)', 'affiliate-agent')}</SafeLink>
                      </td>
                      <td>
                        {page.sent ? (
                          <span className="aa-chip is-indexed">{__('Sent', 'affiliate-agent')}</span>
                        ) : (
                          <>
                            <span className="aa-chip is-skipped">{__('Skipped', 'affiliate-agent')}</span> <span className="aa-muted">{page.reasonText ?? __('Pages are not chosen above.', 'affiliate-agent')}</span>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
