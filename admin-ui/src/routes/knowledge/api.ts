import { pluginRequest, serviceRequest } from '../../lib/api-client';
import type { WordpressContentType } from '../../../../server/src/contract/knowledge-types';
import type { KnowledgeSet, KnowledgeSource, SearchPreview, SiteContentReport, SiteContentSelection, SyncSummary } from './types';

const setPath = (id: string) => `knowledge/sets/${encodeURIComponent(id)}`;

export const listSets = async () => (await serviceRequest<{ knowledgeSets: KnowledgeSet[] }>('knowledge/sets')).knowledgeSets;
export const createSet = async (input: { name: string; description?: string; wordpress: { types: Array<'page' | 'post' | 'product'> } | null }) =>
  (await serviceRequest<{ knowledgeSet: KnowledgeSet }>('knowledge/sets', { method: 'POST', data: input })).knowledgeSet;
export const deleteSet = (id: string) => serviceRequest<void>(setPath(id), { method: 'DELETE' });

export const listSources = async (setId: string) => (await serviceRequest<{ sources: KnowledgeSource[] }>(`${setPath(setId)}/sources`)).sources;
export const addFaq = async (setId: string, faq: { question: string; answer: string; url?: string }) =>
  (await serviceRequest<{ source: KnowledgeSource }>(`${setPath(setId)}/sources`, { method: 'POST', data: { kind: 'faq', ...faq } })).source;
export const uploadFile = async (setId: string, file: { filename: string; contentType: string; contentBase64: string }) =>
  (await serviceRequest<{ source: KnowledgeSource }>(`${setPath(setId)}/files`, { method: 'POST', data: file })).source;
/** A full sync of the owner's chosen types (the set then follows them, so pushes of those types reach it too). */
export const syncSite = async (setId: string, types: WordpressContentType[], siteUrl?: string) =>
  (await serviceRequest<{ sync: SyncSummary }>(`${setPath(setId)}/sync`, { method: 'POST', data: { types, ...(siteUrl ? { siteUrl } : {}) } })).sync;
export const deleteSource = (id: string) => serviceRequest<void>(`knowledge/sources/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const searchPreview = (knowledgeSetIds: string[], query: string) =>
  serviceRequest<SearchPreview>('knowledge/search-preview', { method: 'POST', data: { knowledgeSetIds, query, limit: 5 } });

// The plugin's own site-content settings (what the sync sends, and the queue of pushes that failed).
const SITE_CONTENT_PATH = '/affiliate-agent/v1/knowledge-sync';
export const getSiteContent = () => pluginRequest<SiteContentReport>(SITE_CONTENT_PATH);
export const saveSiteContent = (selection: SiteContentSelection) => pluginRequest<SiteContentReport>(SITE_CONTENT_PATH, { method: 'POST', data: selection });
export const sendQueuedChanges = () => pluginRequest<SiteContentReport>(`${SITE_CONTENT_PATH}/retry`, { method: 'POST' });
