import { pluginRequest, serviceRequest } from '../../lib/api-client';
import type { AffiliateCandidate, Delivery, Lead, LeadDetail, LeadNote, LeadStatus, TranscriptMessage } from './types';

const leadPath = (id: string) => `leads/${encodeURIComponent(id)}`;

export const getLead = (id: string) => serviceRequest<LeadDetail>(leadPath(id));

export const updateLead = async (id: string, patch: { status?: LeadStatus; tags?: string[] }) =>
  (await serviceRequest<{ lead: Lead }>(leadPath(id), { method: 'PATCH', data: patch })).lead;

export const addNote = async (id: string, body: string) => (await serviceRequest<{ note: LeadNote }>(`${leadPath(id)}/notes`, { method: 'POST', data: { body } })).note;

export const approveLead = async (id: string) => (await serviceRequest<{ lead: Lead }>(`${leadPath(id)}/approve`, { method: 'POST' })).lead;

/** Reverts an auto-approval within its window: the lead is back to new, the affiliate set inactive. */
export const undoAutoApproval = async (id: string) => (await serviceRequest<{ lead: Lead }>(`${leadPath(id)}/undo-auto-approval`, { method: 'POST' })).lead;

export const rejectLead = async (id: string) => (await serviceRequest<{ lead: Lead }>(`${leadPath(id)}/reject`, { method: 'POST' })).lead;

/** Who an AffiliateWP affiliate id is (account, status), before the manager links it to this lead. */
export const getAffiliateCandidate = async (id: string, affiliateId: number) =>
  (await serviceRequest<{ candidate: AffiliateCandidate }>(`${leadPath(id)}/affiliate-candidate`, { query: { affiliateId: String(affiliateId) } })).candidate;

export const linkAffiliate = async (id: string, affiliateId: number) =>
  (await serviceRequest<{ lead: Lead }>(`${leadPath(id)}/link-affiliate`, { method: 'POST', data: { affiliateId } })).lead;

export const getTranscript = async (conversationId: string) =>
  (await serviceRequest<{ messages: TranscriptMessage[] }>(`conversations/${encodeURIComponent(conversationId)}/transcript`)).messages;

export const getDeliveries = async (id: string) => (await serviceRequest<{ deliveries: Delivery[] }>(`${leadPath(id)}/deliveries`)).deliveries;

export const replayDelivery = async (id: string, jobId: string) =>
  (await serviceRequest<{ delivery: Delivery }>(`${leadPath(id)}/deliveries/${encodeURIComponent(jobId)}/replay`, { method: 'POST' })).delivery;

/** Every delivery that failed while this delivery's endpoint was switched off, queued again together. */
export const replayEndpoint = (id: string, jobId: string) =>
  serviceRequest<{ url: string; replayed: number; leads: number }>(`${leadPath(id)}/deliveries/${encodeURIComponent(jobId)}/replay-endpoint`, { method: 'POST' });
/** Display names of WordPress users, from the plugin (the service only records their ids). */
export const getPeople = async (ids: number[]) =>
  (await pluginRequest<{ people: Record<string, string> }>('/affiliate-agent/v1/people', { query: { ids: ids.join(',') } })).people;
