import type { Route } from './action-definition';
import type { FieldValue, QualificationResult } from './qualification';

export const LEAD_STATUSES = ['new', 'contacted', 'approved', 'rejected', 'archived'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface LeadSource {
  pageUrl?: string;
  referrer?: string;
  utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
}

export interface ConsentRecord {
  field: string;
  text: string;
  accepted: boolean;
  at: string;
}

export interface Lead {
  id: string;
  agentId: string;
  actionId: string | null;
  actionKey: string;
  actionVersion: number;
  conversationId: string | null;
  email: string | null;
  name: string | null;
  fields: Record<string, FieldValue>;
  score: number;
  scoreExplanation: QualificationResult['explanation'];
  tags: string[];
  route: Route;
  status: LeadStatus;
  source: LeadSource;
  consents: ConsentRecord[];
  submissions: number;
  createdAt: string;
  updatedAt: string;
}

export interface LeadEvent {
  id: number;
  leadId: string;
  type: string;
  actor: number | null;
  data: unknown;
  createdAt: string;
}

export interface LeadNote {
  id: number;
  leadId: string;
  author: number;
  body: string;
  createdAt: string;
}
