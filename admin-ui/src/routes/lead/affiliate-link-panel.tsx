import { Button, Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { useNotify } from '../../lib/notify';
import { getAffiliateCandidate, linkAffiliate } from './api';
import type { AffiliateCandidate, Lead } from './types';

/**
 * Links this lead to an existing AffiliateWP affiliate by hand. The chat never does that for an
 * account it merely matched by email (issue 12), so the manager enters the affiliate id, sees who it
 * is (account, email, status), and only then links; approve and reject act on that affiliate after.
 */
export function AffiliateLinkPanel({ lead, onLinked }: { lead: Lead; onLinked: (lead: Lead) => Promise<void> | void }) {
  const notify = useNotify();
  const [typed, setTyped] = useState('');
  const [candidate, setCandidate] = useState<AffiliateCandidate | null>(null);
  const [busy, setBusy] = useState<'lookup' | 'link' | null>(null);
  const affiliateId = /^\d{1,10}$/.test(typed.trim()) ? Number(typed.trim()) : null;

  const lookUp = async () => {
    if (affiliateId === null) return;
    setBusy('lookup');
    setCandidate(null);
    try {
      setCandidate(await getAffiliateCandidate(lead.id, affiliateId));
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setBusy(null);
    }
  };

  const link = async () => {
    if (!candidate) return;
    setBusy('link');
    try {
      const linked = await linkAffiliate(lead.id, candidate.affiliateId);
      notify.success(sprintf(/* translators: %d: AffiliateWP affiliate id */ __('Linked to affiliate #%d. Approve and reject now act on it.', 'affiliate-agent'), candidate.affiliateId));
      setCandidate(null);
      setTyped('');
      await onLinked(linked);
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="aa-affiliate-link">
      {lead.affiliateId !== null ? (
        <p>
          {lead.affiliateLink === 'manager-linked'
            ? sprintf(/* translators: %d: AffiliateWP affiliate id */ __('Linked by a manager to affiliate #%d.', 'affiliate-agent'), lead.affiliateId)
            : sprintf(/* translators: %d: AffiliateWP affiliate id */ __('Affiliate #%d.', 'affiliate-agent'), lead.affiliateId)}
        </p>
      ) : (
        <p className="aa-muted">
          {lead.managerRequest === 'link-affiliate-by-hand'
            ? __('This email belongs to an existing account or affiliate, which the chat may not use. If it is the same person, enter their affiliate id.', 'affiliate-agent')
            : __('No affiliate is linked by hand. Approve creates one for a new applicant.', 'affiliate-agent')}
        </p>
      )}
      <TextControl
        __nextHasNoMarginBottom
        label={__('AffiliateWP affiliate id', 'affiliate-agent')}
        inputMode="numeric"
        value={typed}
        onChange={(value: string) => {
          setTyped(value);
          setCandidate(null);
        }}
        help={typed.trim() !== '' && affiliateId === null ? __('Enter the number shown in AffiliateWP → Affiliates (ID column).', 'affiliate-agent') : undefined}
      />
      <Button variant="secondary" disabled={affiliateId === null || busy !== null} isBusy={busy === 'lookup'} onClick={lookUp}>
        {__('Look up', 'affiliate-agent')}
      </Button>
      {candidate ? <CandidateSummary candidate={candidate} /> : null}
      {candidate ? (
        <Button variant="primary" disabled={busy !== null || candidate.linkedToLeads.length > 0} isBusy={busy === 'link'} onClick={link}>
          {sprintf(/* translators: %d: AffiliateWP affiliate id */ __('Link affiliate #%d to this lead', 'affiliate-agent'), candidate.affiliateId)}
        </Button>
      ) : null}
    </div>
  );
}

/** Who the affiliate is, as plain text (names and emails are data, never markup). */
function CandidateSummary({ candidate }: { candidate: AffiliateCandidate }) {
  return (
    <div className="aa-affiliate-link__candidate">
      <dl className="aa-definition-list">
        <dt>{__('Name', 'affiliate-agent')}</dt>
        <dd>{candidate.user?.displayName || '—'}</dd>
        <dt>{__('Login', 'affiliate-agent')}</dt>
        <dd>{candidate.user?.login || '—'}</dd>
        <dt>{__('Account email', 'affiliate-agent')}</dt>
        <dd>{candidate.user?.email || '—'}</dd>
        <dt>{__('Payment email', 'affiliate-agent')}</dt>
        <dd>{candidate.paymentEmail || '—'}</dd>
        <dt>{__('AffiliateWP status', 'affiliate-agent')}</dt>
        <dd>{candidate.status}</dd>
      </dl>
      {!candidate.emailMatchesLead ? (
        <Notice status="warning" isDismissible={false}>
          {__("Neither of this affiliate's emails is the lead's email. Link only if you know it is the same person.", 'affiliate-agent')}
        </Notice>
      ) : null}
      {candidate.linkedToLeads.length ? (
        <Notice status="error" isDismissible={false}>
          {__('This affiliate already belongs to another lead:', 'affiliate-agent')}{' '}
          {candidate.linkedToLeads.map((id, index) => (
            <span key={id}>
              {index ? ', ' : ''}
              <a href={`#/leads/${encodeURIComponent(id)}`}>{id}</a>
            </span>
          ))}
        </Notice>
      ) : null}
    </div>
  );
}
