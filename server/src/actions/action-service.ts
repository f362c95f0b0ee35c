import { z } from 'zod';
import { newId, nowIso } from '../core/ids';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { parseOrThrow } from '../core/zod-issues';
import { qualify, type FieldValues } from '../contract/qualification';
import type { AgentRepository } from '../agents/agent-repository';
import { actionDefinitionSchema, type ActionDefinition } from '../contract/action-definition';
import type { ActionRecord, ActionRepository, ActionVersion } from './action-repository';
import { ACTION_TEMPLATES } from './templates';
import { maskDefinition, unmaskDefinition, unmaskHeaders, unmaskUrl } from './secret-headers';
import type { ActionView } from '../contract/action-views';

export type { ActionView } from '../contract/action-views';

export interface RunnableAction {
  actionId: string;
  version: number;
  definition: ActionDefinition;
}


const createInputSchema = z.union([
  z.object({ template: z.string({ error: 'expected a template key' }), key: z.string().optional(), publish: z.boolean().optional() }).strict(),
  z.object({ definition: z.unknown(), publish: z.boolean().optional() }).strict(),
], { error: () => 'expected { "template": "affiliate-application" } or { "definition": { … } }' });

const maskVersion = (version: ActionVersion | null): ActionVersion | null => (version ? { ...version, definition: maskDefinition(version.definition) } : null);

export function createActionService({ actions, agents }: { actions: ActionRepository; agents: Pick<AgentRepository, 'findById'> }) {
  // Every chat turn lists the published actions. A published version never changes (edits make a new
  // draft version), so its parsed definition can be kept.
  const publishedDefinitions = new Map<string, ActionDefinition>();

  function record(id: string): ActionRecord {
    const found = actions.findById(id);
    if (!found) throw new NotFoundError('Action', id);
    return found;
  }

  function view(found: ActionRecord): ActionView {
    const draft = found.draftVersion === null ? null : maskVersion(actions.findVersion(found.id, found.draftVersion));
    const published = found.publishedVersion === null ? null : maskVersion(actions.findVersion(found.id, found.publishedVersion));
    const status = published ? (draft ? 'published-with-draft' : 'published') : 'draft';
    return { ...found, status, draft, published };
  }

  function assertKeyFree(agentId: string, key: string, exceptActionId?: string): void {
    const other = actions.findByKey(agentId, key);
    if (other && other.id !== exceptActionId) {
      throw new ConflictError(`This agent already has an action with the key '${key}'; choose another key.`, 'action_key_taken', {
        issues: [{ path: 'key', message: `the key '${key}' is used by another action of this agent` }],
      });
    }
  }

  function publishDraft(found: ActionRecord, now: string): void {
    if (found.draftVersion === null) {
      throw new ValidationError('There is no draft to publish: the live version already matches the latest edit.', [], 'nothing_to_publish');
    }
    actions.markPublished(found.id, found.draftVersion, now);
    actions.setPointers(found.id, { key: found.key, publishedVersion: found.draftVersion, draftVersion: null, now });
  }

  return {
    templates(): Array<{ key: string; name: string; description: string; definition: ActionDefinition }> {
      return Object.entries(ACTION_TEMPLATES).map(([key, definition]) => ({ key, name: definition.name, description: definition.description, definition }));
    },

    validate(input: unknown): ActionDefinition {
      return maskDefinition(parseOrThrow(actionDefinitionSchema, input, 'action definition'));
    },

    /** Live score preview for the builder: the same engine the leads use. */
    previewScore(input: unknown) {
      const { definition, answers } = parseOrThrow(
        z.object({ definition: z.unknown(), answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) }),
        input,
        'score preview request',
      );
      const parsed = parseOrThrow(actionDefinitionSchema, definition, 'action definition');
      return qualify(parsed.qualification, answers as FieldValues);
    },

    listByAgent(agentId: string): ActionView[] {
      if (!agents.findById(agentId)) throw new NotFoundError('Agent', agentId);
      return actions.listByAgent(agentId).map(view);
    },

    get: (id: string): ActionView => view(record(id)),

    create(agentId: string, input: unknown, actorUserId: number | null = null): ActionView {
      if (!agents.findById(agentId)) throw new NotFoundError('Agent', agentId);
      const request = parseOrThrow(createInputSchema, input, 'action');
      let definition: ActionDefinition;
      if ('template' in request) {
        const template = ACTION_TEMPLATES[request.template];
        if (!template) {
          throw new ValidationError(`Unknown template '${request.template}'. Available: ${Object.keys(ACTION_TEMPLATES).join(', ')}.`, [
            { path: 'template', message: `expected one of ${Object.keys(ACTION_TEMPLATES).join(', ')}` },
          ]);
        }
        definition = request.key ? parseOrThrow(actionDefinitionSchema, { ...template, key: request.key }, 'action definition') : structuredClone(template);
      } else {
        definition = parseOrThrow(actionDefinitionSchema, request.definition, 'action definition');
      }
      const id = newId('act');
      const now = nowIso();
      actions.transaction(() => {
        assertKeyFree(agentId, definition.key);
        actions.insertAction({ id, agentId, key: definition.key, draftVersion: 1, now });
        actions.insertVersion({ actionId: id, version: 1, definition, now, createdBy: actorUserId, restoredFrom: null });
        if (request.publish) publishDraft(record(id), now);
      });
      return view(record(id));
    },

    /** Saving edits never touches the live version: it writes (or rewrites) the draft. */
    updateDraft(id: string, input: unknown, actorUserId: number | null = null): ActionView {
      const parsed = parseOrThrow(actionDefinitionSchema, input, 'action definition');
      const now = nowIso();
      actions.transaction(() => {
        const found = record(id);
        const definition = unmaskDefinition(parsed, actions.listVersions(id).map((version) => version.definition));
        assertKeyFree(found.agentId, definition.key, id);
        if (found.draftVersion !== null) {
          actions.updateVersionDefinition(id, found.draftVersion, definition, now, actorUserId);
          actions.setPointers(id, { key: definition.key, publishedVersion: found.publishedVersion, draftVersion: found.draftVersion, now });
        } else {
          const version = actions.maxVersion(id) + 1;
          actions.insertVersion({ actionId: id, version, definition, now, createdBy: actorUserId, restoredFrom: null });
          actions.setPointers(id, { key: definition.key, publishedVersion: found.publishedVersion, draftVersion: version, now });
        }
      });
      return view(record(id));
    },

    /** One transaction: readers see either the old live version or the new one, never a mix. */
    publish(id: string): ActionView {
      actions.transaction(() => publishDraft(record(id), nowIso()));
      return view(record(id));
    },

    versions(id: string): ActionVersion[] {
      record(id);
      return actions.listVersions(id).map((version) => maskVersion(version) as ActionVersion);
    },

    /** Copies a past version into a new draft; the live version changes only on publish. */
    restore(id: string, version: number, actorUserId: number | null = null): ActionView {
      const now = nowIso();
      actions.transaction(() => {
        const found = record(id);
        const past = actions.findVersion(id, version);
        if (!past) throw new NotFoundError('Action version', `${id}@${version}`);
        assertKeyFree(found.agentId, past.definition.key, id);
        const next = actions.maxVersion(id) + 1;
        actions.insertVersion({ actionId: id, version: next, definition: past.definition, now, createdBy: actorUserId, restoredFrom: version });
        actions.setPointers(id, { key: past.definition.key, publishedVersion: found.publishedVersion, draftVersion: next, now });
      });
      return view(record(id));
    },

    /** For a webhook test send from the builder: the stored header values behind the masks it shows. */
    webhookHeaders(id: string, stepId: string, headers: Array<{ name: string; value: string }>) {
      record(id);
      return unmaskHeaders(stepId, headers, actions.listVersions(id).map((version) => version.definition), 'headers');
    },
    /** The same for the endpoint URL, whose credentials the builder shows masked. */
    webhookUrl(id: string, stepId: string, url: string): string {
      record(id);
      return unmaskUrl(stepId, url, actions.listVersions(id).map((version) => version.definition), 'url');
    },

    remove(id: string): void {
      if (!actions.remove(id)) throw new NotFoundError('Action', id);
    },

    /** What visitors' conversations run: the published version of each action. */
    listPublished(agentId: string): RunnableAction[] {
      return actions
        .listByAgent(agentId)
        .filter((found) => found.publishedVersion !== null)
        .map((found) => {
          const version = found.publishedVersion as number;
          const key = `${found.id}@${version}`;
          let definition = publishedDefinitions.get(key);
          if (!definition) {
            definition = (actions.findVersion(found.id, version) as ActionVersion).definition;
            publishedDefinitions.set(key, definition);
          }
          return { actionId: found.id, version, definition };
        });
    },

    /** What the playground runs: the draft when there is one, else the published version. */
    listForPlayground(agentId: string): RunnableAction[] {
      return actions.listByAgent(agentId).map((found) => {
        const version = (found.draftVersion ?? found.publishedVersion) as number;
        const chosen = actions.findVersion(found.id, version) as ActionVersion;
        return { actionId: found.id, version: chosen.version, definition: chosen.definition };
      });
    },
  };
}
export type ActionService = ReturnType<typeof createActionService>;
