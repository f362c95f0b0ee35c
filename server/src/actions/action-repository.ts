import type { Database } from '../db/database';
import { jsonShapes, readJsonColumn, writeJsonColumn } from '../db/json-column';
import { actionDefinitionSchema, type ActionDefinition } from '../contract/action-definition';
import type { ActionVersion } from '../contract/action-views';

export type { ActionVersion } from '../contract/action-views';

export interface ActionRecord {
  id: string;
  agentId: string;
  key: string;
  publishedVersion: number | null;
  draftVersion: number | null;
  createdAt: string;
  updatedAt: string;
}


interface ActionRow {
  id: string;
  agent_id: string;
  key: string;
  published_version: number | null;
  draft_version: number | null;
  created_at: string;
  updated_at: string;
}

interface VersionRow {
  action_id: string;
  version: number;
  definition: string;
  created_at: string;
  created_by: number | null;
  published_at: string | null;
  restored_from: number | null;
}

const toRecord = (row: ActionRow): ActionRecord => ({
  id: row.id,
  agentId: row.agent_id,
  key: row.key,
  publishedVersion: row.published_version,
  draftVersion: row.draft_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * What a version whose stored definition is damaged reads as: it runs no step and routes every
 * lead to review, and its text tells the owner to restore an earlier version.
 */
const UNREADABLE_DEFINITION: ActionDefinition = actionDefinitionSchema.parse({
  key: 'unreadable-definition',
  name: 'Unreadable definition',
  description: 'The stored definition of this version could not be read; restore or edit an earlier version.',
  fields: [{ key: 'email', label: 'Email', type: 'email', question: 'What is your email address?' }],
  qualification: { rules: [], thresholds: [], defaultRoute: 'review' },
});

const toVersion = (row: VersionRow): ActionVersion => ({
  actionId: row.action_id,
  version: row.version,
  definition: readJsonColumn(row.definition, UNREADABLE_DEFINITION, { column: 'action_versions.definition', rowId: `${row.action_id}@${row.version}`, schema: jsonShapes.object }),
  createdAt: row.created_at,
  createdBy: row.created_by,
  publishedAt: row.published_at,
  restoredFrom: row.restored_from,
});

export function createActionRepository(db: Database) {
  const statements = {
    insertAction: db.prepare(
      'INSERT INTO actions (id, agent_id, key, published_version, draft_version, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)',
    ),
    findById: db.prepare('SELECT * FROM actions WHERE id = ?'),
    findByKey: db.prepare('SELECT * FROM actions WHERE agent_id = ? AND key = ?'),
    listByAgent: db.prepare('SELECT * FROM actions WHERE agent_id = ? ORDER BY created_at, id'),
    setPointers: db.prepare('UPDATE actions SET key = ?, published_version = ?, draft_version = ?, updated_at = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM actions WHERE id = ?'),
    insertVersion: db.prepare(
      'INSERT INTO action_versions (action_id, version, definition, created_at, created_by, published_at, restored_from) VALUES (?, ?, ?, ?, ?, NULL, ?)',
    ),
    updateVersionDefinition: db.prepare('UPDATE action_versions SET definition = ?, created_at = ?, created_by = ? WHERE action_id = ? AND version = ?'),
    markPublished: db.prepare('UPDATE action_versions SET published_at = ? WHERE action_id = ? AND version = ?'),
    findVersion: db.prepare('SELECT * FROM action_versions WHERE action_id = ? AND version = ?'),
    listVersions: db.prepare('SELECT * FROM action_versions WHERE action_id = ? ORDER BY version DESC'),
    maxVersion: db.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM action_versions WHERE action_id = ?'),
  };
  return {
    transaction: <T>(work: () => T): T => db.transaction(work)(),
    insertAction(record: { id: string; agentId: string; key: string; draftVersion: number; now: string }): void {
      statements.insertAction.run(record.id, record.agentId, record.key, record.draftVersion, record.now, record.now);
    },
    findById(id: string): ActionRecord | null {
      const row = statements.findById.get(id) as ActionRow | undefined;
      return row ? toRecord(row) : null;
    },
    findByKey(agentId: string, key: string): ActionRecord | null {
      const row = statements.findByKey.get(agentId, key) as ActionRow | undefined;
      return row ? toRecord(row) : null;
    },
    listByAgent(agentId: string): ActionRecord[] {
      return (statements.listByAgent.all(agentId) as ActionRow[]).map(toRecord);
    },
    setPointers(id: string, pointers: { key: string; publishedVersion: number | null; draftVersion: number | null; now: string }): void {
      statements.setPointers.run(pointers.key, pointers.publishedVersion, pointers.draftVersion, pointers.now, id);
    },
    remove(id: string): boolean {
      return statements.remove.run(id).changes > 0;
    },
    insertVersion(version: { actionId: string; version: number; definition: ActionDefinition; now: string; createdBy: number | null; restoredFrom: number | null }): void {
      statements.insertVersion.run(version.actionId, version.version, writeJsonColumn(version.definition), version.now, version.createdBy, version.restoredFrom);
    },
    updateVersionDefinition(actionId: string, version: number, definition: ActionDefinition, now: string, createdBy: number | null): void {
      statements.updateVersionDefinition.run(writeJsonColumn(definition), now, createdBy, actionId, version);
    },
    markPublished(actionId: string, version: number, now: string): void {
      statements.markPublished.run(now, actionId, version);
    },
    findVersion(actionId: string, version: number): ActionVersion | null {
      const row = statements.findVersion.get(actionId, version) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },
    listVersions(actionId: string): ActionVersion[] {
      return (statements.listVersions.all(actionId) as VersionRow[]).map(toVersion);
    },
    maxVersion(actionId: string): number {
      return (statements.maxVersion.get(actionId) as { version: number }).version;
    },
  };
}
export type ActionRepository = ReturnType<typeof createActionRepository>;
