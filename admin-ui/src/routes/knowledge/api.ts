import { serviceRequest } from '../../lib/api-client';
import type { KnowledgeSet, KnowledgeSource, SearchPreview, SyncSummary } from './types';

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
export const syncSite = async (setId: string, siteUrl?: string) =>
  (await serviceRequest<{ sync: SyncSummary }>(`${setPath(setId)}/sync`, { method: 'POST', data: siteUrl ? { siteUrl } : {} })).sync;
export const deleteSource = (id: string) => serviceRequest<void>(`knowledge/sources/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const searchPreview = (knowledgeSetIds: string[], query: string) =>
  serviceRequest<SearchPreview>('knowledge/search-preview', { method: 'POST', data: { knowledgeSetIds, query, limit: 5 } });
