import type { LeadService } from '../leads/lead-service';
import type { PrivacyParticipant } from './privacy-service';

export function createLeadPrivacyParticipant(leads: Pick<LeadService, 'findByEmail' | 'remove'>): PrivacyParticipant {
  return {
    name: 'leads',
    exportByEmail(email) {
      return leads.findByEmail(email).map((lead) => ({
        group: 'Affiliate Agent leads',
        id: lead.id,
        data: [
          { name: 'Submitted', value: lead.createdAt },
          ...Object.entries(lead.fields).map(([key, value]) => ({ name: key, value: String(value ?? '') })),
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
