import type { AnswerField } from '../contract/lead-answers';
import { z } from 'zod';
import { ROUTES, type ActionDefinition } from '../contract/action-definition';
import { normaliseEmail } from '../actions/field-parsers/email';
import { newId, nowIso } from '../core/ids';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { parseOrThrow } from '../core/zod-issues';
import { qualify, type FieldValue, type FieldValues } from '../contract/qualification';
import type { LeadFilters, LeadRepository } from './lead-repository';
import type { DecidedInAffiliateWp, LeadStepScheduler } from './lead-step-scheduler';
import type { TrustChecks } from './trust/trust-checks';
import type { LeadSignalRepository } from './trust/lead-signal-repository';
import type { TrustFlag } from '../contract/trust-checks';
import type { Clock } from '../core/clock';
import type { AutoApprovalPolicy } from './auto-approval/auto-approval-policy';
import { evaluatePolicy } from './auto-approval/evaluate-policy';
import { LEAD_STATUSES, type ConsentRecord, type EmailVerificationMethod, type Lead, type LeadSource, type LeadStatus } from '../contract/lead-types';

/** The actor name auto-approvals carry in the activity log (the user id is the manager who saved the policy). */
export const AUTO_APPROVAL_ACTOR = 'auto-approval';

export interface LeadSubmission {
  agentId: string;
  actionId: string | null;
  actionKey: string;
  actionVersion: number;
  definition: ActionDefinition;
  values: FieldValues;
  conversationId?: string | null;
  /** The visitor (client) the conversation belongs to; null in the playground. */
  visitorId?: string | null;
  /** The visitor's keyed network address (security/client-key.ts), for the caps on mail to typed addresses. */
  clientKey?: string | null;
  source?: LeadSource;
  /** How the visitor proved they own the email (email verification in the chat); absent or null: unverified. */
  emailVerification?: { method: EmailVerificationMethod; verifiedAt: string } | null;
}

/** An action touching an existing affiliate waits for the manager unless its email was proven (issue 12). */
function managerRequestOf(submission: LeadSubmission): Lead['managerRequest'] {
  return submission.definition.touchesExistingAffiliate && !submission.emailVerification ? 'unverified-affiliate-change' : null;
}

/** Which status may follow which; approval and rejection go through approve()/reject(). */
const NEXT_STATUSES: Record<LeadStatus, LeadStatus[]> = {
  new: ['contacted', 'approved', 'rejected', 'archived'],
  contacted: ['new', 'approved', 'rejected', 'archived'],
  approved: ['archived'],
  rejected: ['new', 'archived'],
  archived: ['new'],
};

const tagList = z.array(z.string().trim().min(1, { message: 'a tag cannot be empty' }).max(40, { message: 'a tag is at most 40 characters' })).max(30);

export const leadListQuerySchema = z.object({
  route: z.enum(ROUTES, { error: () => `expected one of ${ROUTES.join(', ')}` }).optional(),
  status: z.enum(LEAD_STATUSES, { error: () => `expected one of ${LEAD_STATUSES.join(', ')}` }).optional(),
  tag: z.string().max(40).optional(),
  agentId: z.string().max(64).optional(),
  from: z.iso.datetime({ message: 'expected an ISO date-time such as 2026-01-31T00:00:00Z' }).or(z.iso.date({ message: 'expected a date such as 2026-01-31' })).optional(),
  to: z.iso.datetime({ message: 'expected an ISO date-time such as 2026-01-31T00:00:00Z' }).or(z.iso.date({ message: 'expected a date such as 2026-01-31' })).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['newest', 'oldest', 'score'], { error: () => 'expected one of newest, oldest, score' }).default('newest'),
  limit: z.coerce.number().int().min(1, { message: 'expected 1 to 200' }).max(200, { message: 'expected 1 to 200' }).default(50),
  cursor: z.string().max(200).optional(),
});
export type LeadListQuery = z.infer<typeof leadListQuerySchema>;

const patchSchema = z
  .object({
    status: z.enum(LEAD_STATUSES, { error: () => `expected one of ${LEAD_STATUSES.join(', ')}` }).optional(),
    tags: tagList.optional(),
  })
  .strict();

function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

function decodeCursor(cursor: string): { sortValue: string | number; id: string } {
  try {
    const [sortValue, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | number, string];
    if ((typeof sortValue === 'string' || typeof sortValue === 'number') && typeof id === 'string') return { sortValue, id };
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('The cursor is not one this service issued; start again without it.', [{ path: 'cursor', message: 'expected the nextCursor of a previous page' }]);
}

/** Lower-cased email and display name pulled from the action's fields, for dedup and search. */
function identityOf(definition: ActionDefinition, values: FieldValues): { email: string | null; name: string | null } {
  const emailField = definition.fields.find((field) => field.type === 'email');
  const nameField = definition.fields.find((field) => field.key === 'name') ?? definition.fields.find((field) => field.type === 'text');
  const email = emailField && typeof values[emailField.key] === 'string' ? normaliseEmail(values[emailField.key] as string) : null;
  const name = nameField && typeof values[nameField.key] === 'string' ? (values[nameField.key] as string).trim() : null;
  return { email: email || null, name: name || null };
}

function consentsOf(definition: ActionDefinition, values: FieldValues, at: string): ConsentRecord[] {
  return definition.fields
    .filter((field) => field.type === 'consent' && values[field.key] !== undefined)
    .map((field) => ({ field: field.key, text: field.consentText ?? field.label, accepted: values[field.key] === true, at }));
}

/** Drops unanswered fields and lower-cases emails, so "Ana@X.com" and "ana@x.com" are one person. */
function cleanValues(definition: ActionDefinition, values: FieldValues): Record<string, FieldValue> {
  const emailKeys = new Set(definition.fields.filter((field) => field.type === 'email').map((field) => field.key));
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, emailKeys.has(key) && typeof value === 'string' ? normaliseEmail(value) : value]),
  ) as Record<string, FieldValue>;
}

/**
 * The lead a first submission creates, before it is stored. The playground shows steps built from
 * this same object, so its "would send" payloads are the ones a real lead would produce.
 */
export function buildNewLead(submission: LeadSubmission, now: string, id = newId('lead'), trust: readonly TrustFlag[] = []): Lead {
  const fields = cleanValues(submission.definition, submission.values);
  const identity = identityOf(submission.definition, fields);
  const result = qualify(submission.definition.qualification, fields, trust);
  return {
    id,
    agentId: submission.agentId,
    actionId: submission.actionId,
    actionKey: submission.actionKey,
    actionVersion: submission.actionVersion,
    conversationId: submission.conversationId ?? null,
    email: identity.email,
    name: identity.name,
    fields,
    score: result.score,
    scoreExplanation: result.explanation,
    tags: [...result.tags].sort(),
    route: result.route,
    status: 'new',
    source: submission.source ?? {},
    consents: consentsOf(submission.definition, fields, now),
    submissions: 1,
    duplicateOf: null,
    managerRequest: managerRequestOf(submission),
    affiliateId: null,
    affiliateLink: null,
    emailVerification: submission.emailVerification?.method ?? null,
    emailVerifiedAt: submission.emailVerification?.verifiedAt ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The answers of the action's url fields, which the trust checks compare. */
function websitesOf(definition: ActionDefinition, values: FieldValues): string[] {
  return definition.fields
    .filter((field) => field.type === 'url')
    .map((field) => values[field.key])
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
}

export function createLeadService({
  leads,
  scheduler,
  fieldsOf = () => null,
  trust,
  autoApproval,
}: {
  leads: LeadRepository;
  scheduler: LeadStepScheduler;
  /** The fields of the action version a lead came from, so the lead page shows labels, not keys. */
  fieldsOf?: (lead: Lead) => AnswerField[] | null;
  /** Applicant trust checks (issue 16); without them a lead carries no trust flags. */
  trust?: { checks: TrustChecks; signals: Pick<LeadSignalRepository, 'record'> };
  /** The owner's auto-approval policy (issue 16) and the clock its cap and undo window read. */
  autoApproval?: { policy: () => AutoApprovalPolicy; actorUserId: () => number | null; clock: Clock };
}) {
  /**
   * Runs inside submit()'s transaction: the cap is counted and taken in the same write, so two
   * leads cannot both take the last slot. Approval goes through decide(), the manager's own path.
   */
  function tryAutoApproval(lead: Lead, flags: readonly TrustFlag[]): Lead {
    if (!autoApproval) return lead;
    const policy = autoApproval.policy();
    if (!policy.enabled) return lead;
    const at = new Date(autoApproval.clock.now());
    const outcomes = evaluatePolicy(policy, lead, flags);
    const failed = outcomes.filter((outcome) => !outcome.passed);
    if (failed.length) {
      leads.addEvent(lead.id, 'auto-approval-skipped', null, { by: AUTO_APPROVAL_ACTOR, reason: `rule not met: ${failed.map((outcome) => outcome.detail).join('; ')}`, rules: outcomes }, at.toISOString());
      return lead;
    }
    const actorUserId = autoApproval.actorUserId();
    if (actorUserId === null) {
      leads.addEvent(lead.id, 'auto-approval-skipped', null, { by: AUTO_APPROVAL_ACTOR, reason: 'no manager has saved the policy, and AffiliateWP changes need one to act for', rules: outcomes }, at.toISOString());
      return lead;
    }
    const dayStart = `${at.toISOString().slice(0, 10)}T00:00:00.000Z`;
    const usedToday = leads.countAutoApprovalsSince(dayStart);
    if (usedToday >= policy.dailyCap) {
      leads.addEvent(lead.id, 'auto-approval-skipped', null, { by: AUTO_APPROVAL_ACTOR, reason: `daily cap reached: ${usedToday} of ${policy.dailyCap} auto-approvals today`, rules: outcomes }, at.toISOString());
      return lead;
    }
    const approved = decide(lead.id, 'approved', actorUserId);
    const undoUntil = new Date(at.getTime() + policy.undoWindowHours * 3_600_000).toISOString();
    leads.addEvent(
      lead.id,
      'auto-approved',
      actorUserId,
      { by: AUTO_APPROVAL_ACTOR, reason: outcomes.map((outcome) => outcome.detail).join('; '), rules: outcomes, capSlot: usedToday + 1, dailyCap: policy.dailyCap, undoUntil, undoWindowHours: policy.undoWindowHours },
      at.toISOString(),
    );
    return approved;
  }

  /** The lead's latest auto-approval or its undo, whichever came last (null when neither happened). */
  function lastAutoApprovalEvent(id: string) {
    return [...leads.listEvents(id)].reverse().find((event) => event.type === 'auto-approved' || event.type === 'auto-approval-undone') ?? null;
  }

  function get(id: string): Lead {
    const lead = leads.findById(id);
    if (!lead) throw new NotFoundError('Lead', id);
    return lead;
  }

  function decide(id: string, decision: 'approved' | 'rejected', actorUserId: number): Lead {
    return leads.transaction(() => {
      const lead = get(id);
      if (lead.status === decision) throw new ConflictError(`This lead is already ${decision}.`, 'already_decided');
      if (!NEXT_STATUSES[lead.status].includes(decision)) {
        throw new ConflictError(`A lead that is ${lead.status} cannot be ${decision}; it can become ${NEXT_STATUSES[lead.status].join(' or ')}.`, 'invalid_status_change');
      }
      const now = nowIso();
      const updated: Lead = { ...lead, status: decision, updatedAt: now };
      leads.update(updated);
      leads.addEvent(id, 'status-changed', actorUserId, { from: lead.status, to: decision }, now);
      scheduler.scheduleApproval(updated, decision, actorUserId);
      return updated;
    });
  }

  return {
    get,

    detail(id: string) {
      const lead = get(id);
      const original = lead.duplicateOf ? leads.findById(lead.duplicateOf) : null;
      return {
        lead,
        /** Label, type and options of each field (no questions, rules or steps: reviewers see answers only). */
        answerFields: (fieldsOf(lead) ?? []).map((field) => ({ key: field.key, label: field.label, type: field.type, ...(field.options ? { options: field.options.map((option) => ({ value: option.value, label: option.label })) } : {}) })),
        events: leads.listEvents(id),
        notes: leads.listNotes(id),
        // Both sides of a possible duplicate, so the manager can compare them from either lead page.
        duplicates: {
          of: original ? { id: original.id, name: original.name, email: original.email, status: original.status, createdAt: original.createdAt } : null,
          later: leads.listDuplicatesOf(id),
        },
      };
    },

    /**
     * Stores a completed action as a new lead, qualified and tagged, and schedules its steps in the
     * same transaction. A visitor's submission never changes an existing lead: typing an email that
     * already has a lead only marks the new one as a possible duplicate of the first, for the manager
     * to judge (issue 12). The caller's reply never names the earlier lead.
     */
    submit(submission: LeadSubmission): { lead: Lead; created: boolean } {
      return leads.transaction(() => {
        const now = nowIso();
        const email = identityOf(submission.definition, cleanValues(submission.definition, submission.values)).email;
        const earlier = email ? leads.findByAgentEmail(submission.agentId, email) : null;
        const checked = trust?.checks.run({
          agentId: submission.agentId,
          email,
          websites: websitesOf(submission.definition, submission.values),
          visitorId: submission.visitorId ?? null,
          earlierLeadWithEmail: earlier?.id ?? null,
          now,
        });
        const draft = buildNewLead(submission, now, newId('lead'), checked?.flags ?? []);
        const lead: Lead = {
          ...draft,
          duplicateOf: earlier?.id ?? null,
          managerRequest: managerRequestOf(submission),
        };
        leads.insert(lead);
        leads.replaceTags(lead.id, lead.tags);
        leads.addEvent(lead.id, 'lead-created', null, { score: lead.score, route: lead.route, ...(earlier ? { duplicateOf: earlier.id } : {}), ...(lead.managerRequest ? { managerRequest: lead.managerRequest } : {}), emailVerification: lead.emailVerification ?? 'unverified' }, now);
        if (earlier) leads.addEvent(earlier.id, 'possible-duplicate', null, { leadId: lead.id }, now);
        if (checked) {
          trust?.signals.record(lead.id, lead.agentId, checked.signals, now);
          if (checked.flags.length) leads.addEvent(lead.id, 'trust-flagged', null, { checks: checked.flags.map((flag) => flag.check) }, now);
        }
        scheduler.scheduleSteps(lead, submission.definition, 'lead-created', { clientKey: submission.clientKey ?? null });
        return { lead: tryAutoApproval(lead, checked?.flags ?? []), created: true };
      });
    },

    findByConversation: (conversationId: string, actionKey: string) => leads.findByConversation(conversationId, actionKey),

    list(query: unknown) {
      const parsed = parseOrThrow(leadListQuerySchema, query, 'lead filters');
      const filters: LeadFilters = { ...parsed, cursor: parsed.cursor ? decodeCursor(parsed.cursor) : undefined };
      const { items, total, totalIsCapped } = leads.list(filters);
      const last = items[items.length - 1];
      const nextCursor =
        items.length === parsed.limit && last ? encodeCursor(parsed.sort === 'score' ? last.score : last.createdAt, last.id) : null;
      return { items, total, totalIsCapped, nextCursor };
    },

    iterateForExport(query: unknown) {
      const { sort: _sort, limit: _limit, cursor: _cursor, ...filters } = parseOrThrow(leadListQuerySchema, query, 'lead filters');
      return leads.iterate(filters);
    },

    update(id: string, patch: unknown, actorUserId: number): Lead {
      const changes = parseOrThrow(patchSchema, patch, 'lead changes');
      if (changes.status === 'approved') return decide(id, 'approved', actorUserId);
      if (changes.status === 'rejected') return decide(id, 'rejected', actorUserId);
      return leads.transaction(() => {
        const lead = get(id);
        const now = nowIso();
        const updated: Lead = { ...lead, updatedAt: now };
        if (changes.status && changes.status !== lead.status) {
          if (!NEXT_STATUSES[lead.status].includes(changes.status)) {
            throw new ConflictError(`A lead that is ${lead.status} cannot become ${changes.status}; it can become ${NEXT_STATUSES[lead.status].join(' or ')}.`, 'invalid_status_change');
          }
          updated.status = changes.status;
          leads.addEvent(id, 'status-changed', actorUserId, { from: lead.status, to: changes.status }, now);
        }
        if (changes.tags) {
          updated.tags = [...new Set(changes.tags)].sort();
          leads.replaceTags(id, updated.tags);
          leads.addEvent(id, 'tags-changed', actorUserId, { from: lead.tags, to: updated.tags }, now);
        }
        leads.update(updated);
        return updated;
      });
    },

    /**
     * The lead follows a status its own affiliate got in AffiliateWP (approved or rejected there).
     * AffiliateWP is where the affiliate lives, so its word wins over our earlier decision; the same
     * status again, or a lead that is archived, changes nothing (and schedules nothing).
     */
    followAffiliateWp(id: string, change: DecidedInAffiliateWp & { actorUserId: number | null }): { lead: Lead; changed: boolean; reason?: string } {
      return leads.transaction(() => {
        const lead = get(id);
        const decision: 'approved' | 'rejected' = change.status === 'active' ? 'approved' : 'rejected';
        if (lead.status === decision) return { lead, changed: false, reason: `the lead is already ${decision}` };
        if (lead.status === 'archived') return { lead, changed: false, reason: 'the lead is archived' };
        // The undo of an auto-approval set the affiliate inactive; its echo is not a rejection.
        const lastAutoEvent = lastAutoApprovalEvent(id);
        if (change.status === 'inactive' && lead.status === 'new' && lastAutoEvent?.type === 'auto-approval-undone') {
          return { lead, changed: false, reason: 'the affiliate was set inactive by undoing its auto-approval' };
        }
        const now = nowIso();
        const updated: Lead = { ...lead, status: decision, updatedAt: now };
        leads.update(updated);
        leads.addEvent(id, 'status-changed', change.actorUserId, { from: lead.status, to: decision, via: 'affiliatewp', affiliateStatus: change.status, affiliateId: change.affiliateId, by: change.by }, now);
        scheduler.scheduleApproval(updated, decision, change.actorUserId ?? 0, { affiliateId: change.affiliateId, status: change.status, by: change.by });
        return { lead: updated, changed: true };
      });
    },

    approve: (id: string, actorUserId: number) => decide(id, 'approved', actorUserId),

    /**
     * A manager reverts an auto-approval within its window: the lead goes back to new, the affiliate
     * is set inactive through the set-status step, and a note says why. Later it is refused.
     */
    undoAutoApproval(id: string, actorUserId: number): Lead {
      return leads.transaction(() => {
        const lead = get(id);
        const autoApproved = lastAutoApprovalEvent(id);
        if (!autoApproved || autoApproved.type !== 'auto-approved' || lead.status !== 'approved') {
          throw new ConflictError('This lead has no auto-approval to undo: only an approved lead the auto-approval policy approved (and not undone since) can be undone.', 'not_auto_approved');
        }
        const data = autoApproved.data as { undoUntil: string; undoWindowHours: number };
        const now = autoApproval ? autoApproval.clock.now() : Date.now();
        if (now > Date.parse(data.undoUntil)) {
          throw new ConflictError(
            `The undo window has passed: an auto-approval can be undone within ${data.undoWindowHours} hours (until ${data.undoUntil}). Set the affiliate inactive in AffiliateWP instead.`,
            'undo_window_passed',
            { undoUntil: data.undoUntil, undoWindowHours: data.undoWindowHours },
          );
        }
        const at = new Date(now).toISOString();
        const updated: Lead = { ...lead, status: 'new', updatedAt: at };
        leads.update(updated);
        leads.addEvent(id, 'status-changed', actorUserId, { from: 'approved', to: 'new', via: 'auto-approval-undo' }, at);
        leads.addEvent(id, 'auto-approval-undone', actorUserId, { autoApprovedAt: autoApproved.createdAt }, at);
        const note = leads.addNote(id, actorUserId, `Auto-approval undone (approved automatically at ${autoApproved.createdAt}); the affiliate is set inactive in AffiliateWP.`, at);
        leads.addEvent(id, 'note-added', actorUserId, { noteId: note.id }, at);
        scheduler.scheduleDeactivation(updated, actorUserId);
        return updated;
      });
    },
    reject: (id: string, actorUserId: number) => decide(id, 'rejected', actorUserId),

    addNote(id: string, body: unknown, actorUserId: number) {
      const { body: text } = parseOrThrow(z.object({ body: z.string().trim().min(1, { message: 'a note cannot be empty' }).max(5000) }), body, 'note');
      get(id);
      return leads.transaction(() => {
        const now = nowIso();
        const note = leads.addNote(id, actorUserId, text, now);
        leads.addEvent(id, 'note-added', actorUserId, { noteId: note.id }, now);
        return note;
      });
    },

    findByEmail: (email: string) => leads.findByEmail(normaliseEmail(email)),
    remove: (id: string) => leads.remove(id),
  };
}
export type LeadService = ReturnType<typeof createLeadService>;
