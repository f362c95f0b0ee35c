import { Notice } from '@wordpress/components';
import { createInterpolateElement } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { Lead, LeadDuplicates } from './types';

/** Why a manager should look twice at this lead: a possible duplicate, or a request held for them. */
export function managerRequestLabel(request: Lead['managerRequest']): string | null {
  if (request === 'unverified-affiliate-change') return __('Request for the manager: concerns an existing affiliate, sender not verified', 'affiliate-agent');
  if (request === 'link-affiliate-by-hand') return __('Request for the manager: link the AffiliateWP account by hand', 'affiliate-agent');
  return null;
}

/** How the applicant proved the email in the chat (docs/verification.md); null when they did not. */
export function verificationLabel(lead: Pick<Lead, 'emailVerification'>): string {
  if (lead.emailVerification === 'code') return __('Email verified (code typed in the chat)', 'affiliate-agent');
  if (lead.emailVerification === 'wordpress-user') return __('Email verified (logged-in WordPress account)', 'affiliate-agent');
  return __('Email not verified', 'affiliate-agent');
}

const nameOf = (lead: { id: string; name: string | null; email: string | null }) => lead.name || lead.email || lead.id;

export function IdentityNotices({ lead, duplicates }: { lead: Lead; duplicates: LeadDuplicates | undefined }) {
  const request = managerRequestLabel(lead.managerRequest);
  const later = duplicates?.later ?? [];
  return (
    <>
      {lead.duplicateOf ? (
        <Notice status="warning" isDismissible={false}>
          {createInterpolateElement(
            /* translators: <lead /> is a link to the earlier lead, shown as its applicant's name. */
            __('Possible duplicate of <lead /> — an earlier lead with the same email. The visitor has not proven they own it, so mail to that address and the AffiliateWP application are held (replay them in the ledger once you are sure).', 'affiliate-agent'),
            // One sentence for translators; the name is the link's text, never parsed as markup.
            { lead: <a href={`#/leads/${encodeURIComponent(lead.duplicateOf)}`}>{duplicates?.of ? nameOf(duplicates.of) : lead.duplicateOf}</a> },
          )}
        </Notice>
      ) : null}
      {later.length ? (
        <Notice status="warning" isDismissible={false}>
          {/* translators: %d: number of later submissions with the same email */}
          {sprintf(_n('%d later submission used this email:', '%d later submissions used this email:', later.length, 'affiliate-agent'), later.length)}{' '}
          {later.map((item, index) => (
            <span key={item.id}>
              {index ? ', ' : ''}
              <a href={`#/leads/${encodeURIComponent(item.id)}`}>{nameOf(item)}</a>
            </span>
          ))}
          {'. '}
          {__('They did not change this lead.', 'affiliate-agent')}
        </Notice>
      ) : null}
      {request ? (
        <Notice status="info" isDismissible={false}>
          {request}
        </Notice>
      ) : null}
      <p className={`aa-chip ${lead.emailVerification ? 'is-succeeded' : 'is-pending'}`}>
        {verificationLabel(lead)}
        {lead.emailVerification && lead.emailVerifiedAt ? ` · ${new Date(lead.emailVerifiedAt).toLocaleString()}` : ''}
      </p>
    </>
  );
}
