import type { Lead } from '../contract/lead-types';
import { labelAnswers, type AnswerField } from '../contract/lead-answers';
import type { LeadService } from '../leads/lead-service';
import type { PrivacyParticipant, RetainedRecord } from './privacy-service';
import type { PrivacyRepository } from './privacy-repository';

/**
 * `labels` gives each lead's action fields and the site's locale, so the export reads like the lead page;
 * `delivered` tells what already left the service for the person, reported as retained on erasure.
 */
export function createLeadPrivacyParticipant(
  leads: Pick<LeadService, 'findByEmail' | 'remove'>,
  labels: { fieldsOf?: (lead: Lead) => AnswerField[] | null; locale?: () => string | undefined } = {},
  delivered?: Pick<PrivacyRepository, 'createdAffiliateIds' | 'deliveredCounts'>,
): PrivacyParticipant {
  /** What already left the service on the person's behalf: erasing our copy cannot reach it. */
  function retainedElsewhere(email: string): RetainedRecord[] {
    if (!delivered) return [];
    const retained: RetainedRecord[] = delivered.createdAffiliateIds(email).map((affiliateId) => ({
      what: `AffiliateWP affiliate #${affiliateId}`,
      why: 'The affiliate account lives in AffiliateWP, not in this service; delete it there if the person should no longer be an affiliate.',
    }));
    const { mails, webhooks } = delivered.deliveredCounts(email);
    if (mails) retained.push({ what: `${mails} email(s) already sent`, why: 'Sent mail sits in the recipients\' mailboxes and cannot be recalled.' });
    if (webhooks) retained.push({ what: `${webhooks} webhook delivery(ies)`, why: 'The receiving systems keep their own copy; erase it there.' });
    return retained;
  }

  return {
    name: 'leads',
    exportByEmail(email) {
      return leads.findByEmail(email).map((lead) => ({
        group: 'Affiliate Agent leads',
        id: lead.id,
        data: [
          { name: 'Submitted', value: lead.createdAt },
          ...labelAnswers(lead.fields, labels.fieldsOf?.(lead), labels.locale?.()).map((answer) => ({ name: answer.label, value: answer.text })),
          { name: 'Tags', value: lead.tags.join(', ') },
          { name: 'Status', value: lead.status },
          ...lead.consents.map((consent) => ({ name: `Consent (${consent.at})`, value: `${consent.accepted ? 'Agreed' : 'Declined'}: ${consent.text}` })),
          ...(lead.source.pageUrl ? [{ name: 'Page', value: lead.source.pageUrl }] : []),
        ],
      }));
    },
    eraseByEmail(email) {
      const retained = retainedElsewhere(email);
      // Deleting the lead cascades to its tags, events, notes, outbox jobs and their attempt ledger.
      const erased = leads.findByEmail(email).filter((lead) => leads.remove(lead.id)).length;
      return { erased, retained };
    },
  };
}
