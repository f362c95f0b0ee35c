import { z } from 'zod';
import type { Database } from '../db/database';
import { jsonShapes, readJsonColumn, writeJsonColumn } from '../db/json-column';
import type { Lead, LeadEvent, LeadNote, LeadStatus } from '../contract/lead-types';
import type { Route } from '../contract/action-definition';
import type { LeadFilters } from '../contract/lead-filters';

export type { LeadFilters } from '../contract/lead-filters';

interface LeadRow {
  rowid?: number;
  id: string;
  agent_id: string;
  action_id: string | null;
  action_key: string;
  action_version: number;
  conversation_id: string | null;
  email: string | null;
  name: string | null;
  fields: string;
  score: number;
  score_explanation: string;
  route: Route;
  status: LeadStatus;
  source: string;
  consents: string;
  submissions: number;
  duplicate_of: string | null;
  manager_request: Lead['managerRequest'];
  affiliate_id: number | null;
  affiliate_link: Lead['affiliateLink'];
  email_verification: Lead['emailVerification'];
  email_verified_at: string | null;
  created_at: string;
  updated_at: string;
  tags: string | null;
}


export const COUNT_CAP = 10_000;
const SORTS = {
  newest: { column: 'created_at', direction: 'DESC' },
  oldest: { column: 'created_at', direction: 'ASC' },
  score: { column: 'score', direction: 'DESC' },
} as const;
const TAGS_SUBQUERY = "(SELECT json_group_array(tag) FROM lead_tags WHERE lead_tags.lead_id = leads.id) AS tags";

const NO_EXPLANATION: Lead['scoreExplanation'] = { matched: [], threshold: null, tags: [], summary: '' };
const explanationShape = z.object({ matched: z.array(z.unknown()), tags: z.array(z.string()), summary: z.string() });

function toLead(row: LeadRow): Lead {
  const cell = (column: string) => ({ column: `leads.${column}`, rowId: row.id });
  return {
    id: row.id,
    agentId: row.agent_id,
    actionId: row.action_id,
    actionKey: row.action_key,
    actionVersion: row.action_version,
    conversationId: row.conversation_id,
    email: row.email,
    name: row.name,
    fields: readJsonColumn<Lead['fields']>(row.fields, {}, { ...cell('fields'), schema: jsonShapes.object }),
    score: row.score,
    scoreExplanation: readJsonColumn(row.score_explanation, NO_EXPLANATION, { ...cell('score_explanation'), schema: explanationShape }),
    tags: readJsonColumn<string[]>(row.tags, [], { ...cell('tags'), schema: jsonShapes.strings }).sort(),
    route: row.route,
    status: row.status,
    source: readJsonColumn<Lead['source']>(row.source, {}, { ...cell('source'), schema: jsonShapes.object }),
    consents: readJsonColumn<Lead['consents']>(row.consents, [], { ...cell('consents'), schema: jsonShapes.list }),
    submissions: row.submissions,
    duplicateOf: row.duplicate_of ?? null,
    managerRequest: row.manager_request ?? null,
    affiliateId: row.affiliate_id ?? null,
    affiliateLink: row.affiliate_link ?? null,
    emailVerification: row.email_verification ?? null,
    emailVerifiedAt: row.email_verified_at ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(lead: Lead) {
  return {
    id: lead.id,
    agent_id: lead.agentId,
    action_id: lead.actionId,
    action_key: lead.actionKey,
    action_version: lead.actionVersion,
    conversation_id: lead.conversationId,
    email: lead.email,
    name: lead.name,
    fields: writeJsonColumn(lead.fields),
    score: lead.score,
    score_explanation: writeJsonColumn(lead.scoreExplanation),
    route: lead.route,
    status: lead.status,
    source: writeJsonColumn(lead.source),
    consents: writeJsonColumn(lead.consents),
    submissions: lead.submissions,
    duplicate_of: lead.duplicateOf,
    manager_request: lead.managerRequest,
    affiliate_id: lead.affiliateId,
    affiliate_link: lead.affiliateLink,
    email_verification: lead.emailVerification,
    email_verified_at: lead.emailVerifiedAt,
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
  };
}

/**
 * Turns free text into a safe FTS5 query: each word quoted and required; only the last one is a
 * prefix, as a manager typing "ana sil" means the words "ana" and "sil…".
 */
export function toFtsQuery(text: string): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}@._-]+/gu) ?? []).slice(0, 8);
  const terms = words.map((word, index) => `"${word.replace(/"/g, '')}"${index === words.length - 1 ? '*' : ''}`);
  return terms.length ? terms.join(' ') : null;
}

export function createLeadRepository(db: Database) {
  const statements = {
    insert: db.prepare(`INSERT INTO leads (id, agent_id, action_id, action_key, action_version, conversation_id, email, name, fields, score,
      score_explanation, route, status, source, consents, submissions, duplicate_of, manager_request, affiliate_id, affiliate_link, email_verification, email_verified_at, created_at, updated_at)
      VALUES (@id, @agent_id, @action_id, @action_key, @action_version, @conversation_id, @email, @name, @fields, @score,
      @score_explanation, @route, @status, @source, @consents, @submissions, @duplicate_of, @manager_request, @affiliate_id, @affiliate_link, @email_verification, @email_verified_at, @created_at, @updated_at)`),
    update: db.prepare(`UPDATE leads SET action_id = @action_id, action_key = @action_key, action_version = @action_version,
      conversation_id = @conversation_id, email = @email, name = @name, fields = @fields, score = @score,
      score_explanation = @score_explanation, route = @route, status = @status, source = @source, consents = @consents,
      submissions = @submissions, duplicate_of = @duplicate_of, manager_request = @manager_request,
      affiliate_id = @affiliate_id, affiliate_link = @affiliate_link, updated_at = @updated_at WHERE id = @id`),
    findById: db.prepare(`SELECT leads.*, ${TAGS_SUBQUERY} FROM leads WHERE id = ?`),
    // The first lead of this email is the one later submissions point at, so duplicates form one group.
    findByAgentEmail: db.prepare(`SELECT leads.*, ${TAGS_SUBQUERY} FROM leads WHERE agent_id = ? AND email = ? ORDER BY created_at, rowid LIMIT 1`),
    listDuplicatesOf: db.prepare('SELECT id, name, email, status, created_at FROM leads WHERE duplicate_of = ? ORDER BY created_at, rowid'),
    findByConversation: db.prepare(`SELECT leads.*, ${TAGS_SUBQUERY} FROM leads WHERE conversation_id = ? AND action_key = ? ORDER BY created_at DESC LIMIT 1`),
    findByEmail: db.prepare(`SELECT leads.*, ${TAGS_SUBQUERY} FROM leads WHERE email = ? ORDER BY created_at`),
    deleteTags: db.prepare('DELETE FROM lead_tags WHERE lead_id = ?'),
    insertTag: db.prepare('INSERT OR IGNORE INTO lead_tags (lead_id, tag) VALUES (?, ?)'),
    insertEvent: db.prepare('INSERT INTO lead_events (lead_id, type, actor, data, created_at) VALUES (?, ?, ?, ?, ?)'),
    listEvents: db.prepare('SELECT * FROM lead_events WHERE lead_id = ? ORDER BY id'),
    // The type is written out, not bound: SQLite uses the partial index (migration 013) only then.
    countAutoApprovalsSince: db.prepare("SELECT COUNT(*) AS count FROM lead_events WHERE type = 'auto-approved' AND created_at >= ?"),
    insertNote: db.prepare('INSERT INTO lead_notes (lead_id, author, body, created_at) VALUES (?, ?, ?, ?)'),
    listNotes: db.prepare('SELECT * FROM lead_notes WHERE lead_id = ? ORDER BY id'),
    remove: db.prepare('DELETE FROM leads WHERE id = ?'),
  };

  function buildWhere(filters: Omit<LeadFilters, 'sort' | 'limit' | 'cursor'>): { clauses: string[]; parameters: unknown[] } {
    const clauses: string[] = [];
    const parameters: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      clauses.push(clause);
      parameters.push(...values);
    };
    if (filters.route) add('leads.route = ?', filters.route);
    // Archived leads leave the inbox unless asked for by status.
    if (filters.status) add('leads.status = ?', filters.status);
    else add("leads.status <> 'archived'");
    if (filters.agentId) add('leads.agent_id = ?', filters.agentId);
    if (filters.from) add('leads.created_at >= ?', filters.from);
    if (filters.to) add('leads.created_at < ?', filters.to);
    if (filters.tag) add('leads.id IN (SELECT lead_id FROM lead_tags WHERE tag = ?)', filters.tag);
    const query = filters.q ? toFtsQuery(filters.q) : null;
    if (query) add('leads.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)', query);
    return { clauses, parameters };
  }

  return {
    transaction: <T>(work: () => T): T => db.transaction(work)(),
    insert(lead: Lead): void {
      statements.insert.run(toRow(lead));
    },
    update(lead: Lead): void {
      statements.update.run(toRow(lead));
    },
    replaceTags(leadId: string, tags: string[]): void {
      statements.deleteTags.run(leadId);
      for (const tag of tags) statements.insertTag.run(leadId, tag);
    },
    findById(id: string): Lead | null {
      const row = statements.findById.get(id) as LeadRow | undefined;
      return row ? toLead(row) : null;
    },
    findByAgentEmail(agentId: string, email: string): Lead | null {
      const row = statements.findByAgentEmail.get(agentId, email) as LeadRow | undefined;
      return row ? toLead(row) : null;
    },
    /** The later leads that name this one as a possible duplicate, for its lead page. */
    listDuplicatesOf(id: string): Array<{ id: string; name: string | null; email: string | null; status: string; createdAt: string }> {
      return (statements.listDuplicatesOf.all(id) as Array<{ id: string; name: string | null; email: string | null; status: string; created_at: string }>).map(
        (row) => ({ id: row.id, name: row.name, email: row.email, status: row.status, createdAt: row.created_at }),
      );
    },
    findByConversation(conversationId: string, actionKey: string): Lead | null {
      const row = statements.findByConversation.get(conversationId, actionKey) as LeadRow | undefined;
      return row ? toLead(row) : null;
    },
    findByEmail(email: string): Lead[] {
      return (statements.findByEmail.all(email) as LeadRow[]).map(toLead);
    },
    remove(id: string): boolean {
      return statements.remove.run(id).changes > 0;
    },
    addEvent(leadId: string, type: string, actor: number | null, data: unknown, at: string): void {
      statements.insertEvent.run(leadId, type, actor, writeJsonColumn(data ?? {}), at);
    },
    /** How many leads were auto-approved from `since` on (the auto-approval daily cap). */
    countAutoApprovalsSince(since: string): number {
      return (statements.countAutoApprovalsSince.get(since) as { count: number }).count;
    },
    listEvents(leadId: string): LeadEvent[] {
      return (statements.listEvents.all(leadId) as Array<{ id: number; lead_id: string; type: string; actor: number | null; data: string; created_at: string }>).map(
        (row) => ({ id: row.id, leadId: row.lead_id, type: row.type, actor: row.actor, data: readJsonColumn(row.data, {}, { column: 'lead_events.data', rowId: row.id }), createdAt: row.created_at }),
      );
    },
    addNote(leadId: string, author: number, body: string, at: string): LeadNote {
      const result = statements.insertNote.run(leadId, author, body, at);
      return { id: Number(result.lastInsertRowid), leadId, author, body, createdAt: at };
    },
    listNotes(leadId: string): LeadNote[] {
      return (statements.listNotes.all(leadId) as Array<{ id: number; lead_id: string; author: number; body: string; created_at: string }>).map((row) => ({
        id: row.id,
        leadId: row.lead_id,
        author: row.author,
        body: row.body,
        createdAt: row.created_at,
      }));
    },

    /** Keyset pagination: stable while leads arrive, and as fast on page 500 as on page 1. */
    list(filters: LeadFilters): { items: Lead[]; total: number; totalIsCapped: boolean } {
      const { clauses, parameters } = buildWhere(filters);
      // Counting stops at the cap: "10,000+" is as useful to a manager as the exact number, and stays fast at any size.
      const counted = (
        db
          .prepare(`SELECT COUNT(*) AS count FROM (SELECT 1 FROM leads${clauses.length ? ' WHERE ' + clauses.join(' AND ') : ''} LIMIT ${COUNT_CAP + 1})`)
          .get(...parameters) as { count: number }
      ).count;
      const total = Math.min(counted, COUNT_CAP);
      const pageClauses = [...clauses];
      const pageParameters = [...parameters];
      const { column, direction } = SORTS[filters.sort];
      const order = `leads.${column} ${direction}, leads.id ${direction}`;
      if (filters.cursor) {
        // Rows strictly after the cursor's (sort value, id) in the page order.
        const comparison = direction === 'DESC' ? '<' : '>';
        pageClauses.push(`(leads.${column} ${comparison} ? OR (leads.${column} = ? AND leads.id ${comparison} ?))`);
        pageParameters.push(filters.cursor.sortValue, filters.cursor.sortValue, filters.cursor.id);
      }
      const rows = db
        .prepare(`SELECT leads.*, ${TAGS_SUBQUERY} FROM leads${pageClauses.length ? ' WHERE ' + pageClauses.join(' AND ') : ''} ORDER BY ${order} LIMIT ?`)
        .all(...pageParameters, filters.limit) as LeadRow[];
      return { items: rows.map(toLead), total, totalIsCapped: counted > COUNT_CAP };
    },

    /** Streams every matching lead for the CSV export without loading them all at once. */
    *iterate(filters: Omit<LeadFilters, 'sort' | 'limit' | 'cursor'>): Generator<Lead> {
      const { clauses, parameters } = buildWhere(filters);
      const statement = db.prepare(`SELECT leads.*, ${TAGS_SUBQUERY} FROM leads${clauses.length ? ' WHERE ' + clauses.join(' AND ') : ''} ORDER BY leads.created_at DESC, leads.id DESC`);
      for (const row of statement.iterate(...parameters) as Iterable<LeadRow>) yield toLead(row);
    },
  };
}
export type LeadRepository = ReturnType<typeof createLeadRepository>;
