import type { AnswerField } from '../../../../server/src/contract/lead-answers';
import type { AffiliateCandidate } from '../../../../server/src/contract/lead-types';
import type { Lead, LeadEvent, LeadNote, LeadStatus } from '../../lib/service-types';

export type { AffiliateCandidate, Lead, LeadEvent, LeadNote, LeadStatus };

export interface LeadSummary {
  id: string;
  name: string | null;
  email: string | null;
  status: string;
  createdAt: string;
}

/** Both sides of a possible duplicate: the earlier lead this one points at, and later ones pointing here. */
export interface LeadDuplicates {
  of: LeadSummary | null;
  later: LeadSummary[];
}

export interface LeadDetail {
  lead: Lead;
  /** Label, type and options of each field of the action version the lead came from. */
  answerFields?: AnswerField[];
  events: LeadEvent[];
  notes: LeadNote[];
  duplicates?: LeadDuplicates;
}

export interface TranscriptMessage {
  id?: string;
  role: string;
  content: string;
  createdAt?: string;
}

/** One row of the outbox's delivery ledger (docs/outbox.md). */
export interface Delivery {
  id: string;
  stepId: string;
  stepType: string;
  label: string | null;
  trigger: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'dead' | 'skipped' | string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  response: unknown;
  replayable: boolean;
  /** Webhook deliveries: the endpoint, for "replay everything that failed there". */
  endpointUrl?: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}
