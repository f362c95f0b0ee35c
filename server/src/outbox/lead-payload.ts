import type { Lead } from '../contract/lead-types';

/**
 * The JSON a CRM receives, in the Standard Webhooks envelope `{ type, timestamp, data }`.
 * It carries what a CRM needs to act on the lead without calling back.
 */
export interface TranscriptMessage {
  role: string;
  content: string;
  createdAt: string;
}

export function eventTypeOf(trigger: string): string {
  if (trigger === 'lead-created') return 'lead.created';
  if (trigger.startsWith('lead-resubmitted')) return 'lead.resubmitted';
  return `lead.${trigger.replace(/-\d+$/, '').replace(/-/g, '_')}`;
}

export function buildLeadPayload(lead: Lead, input: { trigger: string; timestamp: string; transcript?: TranscriptMessage[] | null }) {
  return {
    type: eventTypeOf(input.trigger),
    timestamp: input.timestamp,
    data: {
      lead: {
        id: lead.id,
        agentId: lead.agentId,
        actionKey: lead.actionKey,
        actionVersion: lead.actionVersion,
        status: lead.status,
        name: lead.name,
        email: lead.email,
        submissions: lead.submissions,
        conversationId: lead.conversationId,
        createdAt: lead.createdAt,
        updatedAt: lead.updatedAt,
      },
      fields: lead.fields,
      score: lead.score,
      scoreExplanation: lead.scoreExplanation,
      tags: lead.tags,
      route: lead.route,
      source: {
        pageUrl: lead.source.pageUrl ?? null,
        referrer: lead.source.referrer ?? null,
        utm: lead.source.utm ?? {},
      },
      consents: lead.consents,
      ...(input.transcript ? { transcript: input.transcript } : {}),
    },
  };
}

/** What the test send posts: the same shape with made-up values. */
export function samplePayload(timestamp: string) {
  const now = timestamp;
  return {
    ...buildLeadPayload(
      {
        id: 'lead_sample',
        agentId: 'agt_sample',
        actionId: null,
        actionKey: 'affiliate-application',
        actionVersion: 1,
        conversationId: 'cnv_sample',
        email: 'jane@example.com',
        name: 'Jane Example',
        fields: { name: 'Jane Example', email: 'jane@example.com', platform: 'youtube', audience_size: 25000 },
        score: 35,
        scoreExplanation: { matched: [], threshold: { minScore: 10, route: 'standard' }, tags: ['sample'], summary: 'Score 35: sample.' },
        tags: ['sample'],
        duplicateOf: null,
        managerRequest: null,
        affiliateId: null,
        affiliateLink: null,
        emailVerification: null,
        emailVerifiedAt: null,
        route: 'standard',
        status: 'new',
        source: { pageUrl: 'https://shop.example/partners', referrer: 'https://www.google.com/', utm: { source: 'newsletter', campaign: 'spring' } },
        consents: [],
        submissions: 1,
        createdAt: now,
        updatedAt: now,
      },
      { trigger: 'lead-created', timestamp, transcript: [{ role: 'user', content: 'I want to become an affiliate', createdAt: now }] },
    ),
    type: 'test',
  };
}
