import { Button, Card, CardBody, CardHeader, Notice, SelectControl, Spinner, TextareaControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { ListInput } from '../../components/list-input';
import { statusLabels } from '../../components/inbox-filters';
import { routeLabels } from '../../lib/definition-labels';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import type { StageProps } from '../route-types';
import { addNote, approveLead, getLead, rejectLead, undoAutoApproval, updateLead } from './api';
import { AutoApprovalNotice, standingAutoApproval } from './auto-approval-notice';
import { adminConfig } from '../../lib/admin-config';
import { AffiliateLinkPanel } from './affiliate-link-panel';
import { DeliveryLedger } from './delivery-ledger';
import { IdentityNotices } from './identity-notices';
import { Transcript } from './transcript';
import { TrustFlags } from './trust-flags';
import { ActivityLog } from './activity-log';
import { AnswersTable } from './answers-table';
import type { Lead, LeadStatus } from './types';
import './style.scss';
import { SafeLink } from '../../components/safe-link';
import { TableScroll } from '../../components/table-scroll';

/** Encoded, so a stored address can only ever be the recipient (no ?cc= or &body= of its own). */
const mailtoHref = (email: string) => `mailto:${encodeURIComponent(email)}`;

/** One lead: what the visitor said, why it scored so, where it came from, what ran, and the decision. */
export function LeadStage({ params }: StageProps) {
  const notify = useNotify();
  const { data, setData, isLoading, error, reload } = useRequest(() => getLead(params.leadId), [params.leadId]);
  const [tags, setTags] = useState<string[] | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  if (isLoading && !data) return <Spinner />;
  if (error || !data) {
    return (
      <Notice status="error" isDismissible={false}>
        {error?.message} <a href="#/leads">{__('Back to leads', 'affiliate-agent')}</a>
      </Notice>
    );
  }
  const { lead } = data;
  const replaceLead = (next: Lead) => setData({ ...data, lead: next });
  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
      // The activity log gains an entry for what was just done (who changed the status, tags).
      await reload();
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setBusy(null);
    }
  };
  const isDecided = lead.status === 'approved' || lead.status === 'rejected';
  const autoApproval = standingAutoApproval(lead, data.events);
  const utm = Object.entries(lead.source?.utm ?? {}).filter(([, value]) => value);

  return (
    <div className="aa-lead">
      <a href="#/leads">{__('← All leads', 'affiliate-agent')}</a>
      <div className="aa-page-header">
        <div>
          <h2>{lead.name || lead.email || lead.id}</h2>
          <p>
            {lead.email ? <a href={mailtoHref(lead.email)}>{lead.email}</a> : null} · {sprintf(__('Score %d', 'affiliate-agent'), lead.score)} ·{' '}
            <span className={`aa-route-badge is-${lead.route}`}>{routeLabels()[lead.route]}</span> · {statusLabels()[lead.status]}
            {lead.submissions > 1 ? ` · ${sprintf(__('submitted %d times', 'affiliate-agent'), lead.submissions)}` : ''}
          </p>
        </div>
        <div className="aa-page-header__actions">
          <Button
            variant="primary"
            disabled={isDecided || busy !== null}
            isBusy={busy === 'approve'}
            onClick={() =>
              run('approve', async () => {
                replaceLead(await approveLead(lead.id));
                notify.success(__('Approved. The approval steps (AffiliateWP activation, welcome email) are queued.', 'affiliate-agent'));
              })
            }
          >
            {__('Approve', 'affiliate-agent')}
          </Button>
          <Button
            variant="secondary"
            isDestructive
            disabled={isDecided || busy !== null}
            isBusy={busy === 'reject'}
            onClick={() =>
              run('reject', async () => {
                replaceLead(await rejectLead(lead.id));
                notify.success(__('Rejected.', 'affiliate-agent'));
              })
            }
          >
            {__('Reject', 'affiliate-agent')}
          </Button>
          <SelectControl
            __nextHasNoMarginBottom
            label={__('Status', 'affiliate-agent')}
            value={lead.status}
            options={Object.entries(statusLabels()).map(([value, label]) => ({ value, label }))}
            onChange={(status: string) =>
              run('status', async () => {
                replaceLead(await updateLead(lead.id, { status: status as LeadStatus }));
                notify.success(__('Status changed.', 'affiliate-agent'));
              })
            }
          />
        </div>
      </div>
      <IdentityNotices lead={lead} duplicates={data.duplicates} />
      {autoApproval ? (
        <AutoApprovalNotice
          approval={autoApproval}
          now={Date.now()}
          canUndo={adminConfig().canManage}
          isBusy={busy === 'undo'}
          onUndo={() =>
            run('undo', async () => {
              replaceLead(await undoAutoApproval(lead.id));
              notify.success(__('Auto-approval undone. The lead is back in review and the affiliate is being set inactive in AffiliateWP.', 'affiliate-agent'));
            })
          }
        />
      ) : null}

      <div className="aa-two-columns">
        <div>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Answers', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <AnswersTable lead={lead} fields={data.answerFields} />
              <p className="aa-muted">{sprintf(__('From action %1$s, version %2$d.', 'affiliate-agent'), lead.actionKey, lead.actionVersion)}</p>
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Why this score', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <p>{lead.scoreExplanation?.summary}</p>
              <TrustFlags flags={lead.scoreExplanation?.trust} />
              {lead.scoreExplanation?.matched?.length ? (
                <TableScroll label={__('Why this score', 'affiliate-agent')}>
                  <table className="widefat striped aa-table">
                    <thead>
                      <tr>
                        <th scope="col">{__('Rule', 'affiliate-agent')}</th>
                        <th scope="col">{__('Points', 'affiliate-agent')}</th>
                        <th scope="col">{__('Tags', 'affiliate-agent')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {lead.scoreExplanation.matched.map((rule, index) => (
                        <tr key={index}>
                          <td>{rule.label}</td>
                          <td>
                            {rule.points >= 0 ? '+' : ''}
                            {rule.points}
                          </td>
                          <td>{rule.tags.join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              ) : null}
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Conversation', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <Transcript conversationId={lead.conversationId} />
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Next steps (delivery ledger)', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <DeliveryLedger leadId={lead.id} refreshKey={`${lead.status}-${lead.updatedAt}`} />
            </CardBody>
          </Card>
        </div>
        <aside>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('AffiliateWP affiliate', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <AffiliateLinkPanel
                lead={lead}
                onLinked={async (linked) => {
                  replaceLead(linked);
                  // The activity log gains "linked by …".
                  await reload();
                }}
              />
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Tags', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <ListInput label={__('Tags (comma-separated)', 'affiliate-agent')} values={tags ?? lead.tags} onChange={setTags} />
              <Button
                variant="secondary"
                disabled={tags === null || busy !== null}
                isBusy={busy === 'tags'}
                onClick={() =>
                  run('tags', async () => {
                    replaceLead(await updateLead(lead.id, { tags: tags ?? lead.tags }));
                    setTags(null);
                    notify.success(__('Tags saved.', 'affiliate-agent'));
                  })
                }
              >
                {__('Save tags', 'affiliate-agent')}
              </Button>
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Source', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              <dl className="aa-definition-list">
                <dt>{__('Page', 'affiliate-agent')}</dt>
                <dd>
                  <SafeLink url={lead.source?.pageUrl} />
                </dd>
                <dt>{__('Referrer', 'affiliate-agent')}</dt>
                <dd>
                  <SafeLink url={lead.source?.referrer} />
                </dd>
                {utm.map(([key, value]) => (
                  <div key={key}>
                    <dt>utm_{key}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
                <dt>{__('Received', 'affiliate-agent')}</dt>
                <dd>{new Date(lead.createdAt).toLocaleString()}</dd>
              </dl>
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Consents', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              {lead.consents.length ? (
                <ul>
                  {lead.consents.map((consent, index) => (
                    <li key={index}>
                      <strong>{consent.accepted ? __('Agreed', 'affiliate-agent') : __('Declined', 'affiliate-agent')}</strong> {new Date(consent.at).toLocaleString()}
                      <blockquote>{consent.text}</blockquote>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="aa-muted">{__('No consent was asked.', 'affiliate-agent')}</p>
              )}
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{__('Notes', 'affiliate-agent')}</h3>
            </CardHeader>
            <CardBody>
              {data.notes.length ? (
                <ul className="aa-notes">
                  {data.notes.map((item) => (
                    <li key={item.id}>
                      <div>{item.body}</div>
                      <span className="aa-muted">{new Date(item.createdAt).toLocaleString()}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <TextareaControl __nextHasNoMarginBottom label={__('Add a note', 'affiliate-agent')} value={note} onChange={setNote} />
              <Button
                variant="secondary"
                disabled={!note.trim() || busy !== null}
                isBusy={busy === 'note'}
                onClick={() =>
                  run('note', async () => {
                    await addNote(lead.id, note.trim());
                    setNote('');
                  })
                }
              >
                {__('Add note', 'affiliate-agent')}
              </Button>
            </CardBody>
          </Card>
          {data.events.length ? (
            <Card className="aa-card">
              <CardHeader>
                <h3>{__('Activity', 'affiliate-agent')}</h3>
              </CardHeader>
              <CardBody>
                <ActivityLog events={data.events} />
              </CardBody>
            </Card>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
