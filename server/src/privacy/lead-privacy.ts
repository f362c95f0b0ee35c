import type { Lead } from '../contract/lead-types';
import { labelAnswers, type AnswerField } from '../contract/lead-answers';
import type { LeadService } from '../leads/lead-service';
import type { PrivacyParticipant } from './privacy-service';

/** `labels` gives each lead's action fields and the site's locale, so the export reads like the lead page. */
export function createLeadPrivacyParticipant(
  leads: Pick<LeadService, 'findByEmail' | 'remove'>,
  labels: { fieldsOf?: (lead: Lead) => AnswerField[] | null; locale?: () => string | undefined } = {},
): PrivacyParticipant {
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
      // Deleting the lead cascades to its tags, events and notes.
      return leads.findByEmail(email).filter((lead) => leads.remove(lead.id)).length;
    },
  };
}
