import type { Database } from '../db/database';
import { jsonShapes, readJsonColumn, writeJsonColumn } from '../db/json-column';
import { agentInputSchema, type Agent, type AgentSettings } from '../contract/agent-types';

type AgentData = Omit<AgentSettings, 'name' | 'enabled'>;
/** A damaged settings column leaves the agent on the defaults an owner starts with. */
const DEFAULT_AGENT_DATA: AgentData = agentInputSchema.omit({ name: true, enabled: true }).parse({});

interface AgentRow {
  id: string;
  name: string;
  data: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

function toAgent(row: AgentRow): Agent {
  const data = readJsonColumn(row.data, DEFAULT_AGENT_DATA, { column: 'agents.data', rowId: row.id, schema: jsonShapes.object });
  return { ...data, id: row.id, name: row.name, enabled: row.enabled === 1, createdAt: row.created_at, updatedAt: row.updated_at };
}

function dataColumn(agent: AgentSettings): string {
  const { name: _name, enabled: _enabled, ...rest } = agent;
  return writeJsonColumn(rest);
}

export function createAgentRepository(db: Database) {
  const statements = {
    insert: db.prepare('INSERT INTO agents (id, name, data, enabled, created_at, updated_at) VALUES (@id, @name, @data, @enabled, @created_at, @updated_at)'),
    update: db.prepare('UPDATE agents SET name = @name, data = @data, enabled = @enabled, updated_at = @updated_at WHERE id = @id'),
    findById: db.prepare('SELECT * FROM agents WHERE id = ?'),
    list: db.prepare('SELECT * FROM agents ORDER BY created_at, id'),
    remove: db.prepare('DELETE FROM agents WHERE id = ?'),
    count: db.prepare('SELECT COUNT(*) AS count FROM agents'),
  };
  return {
    insert(agent: Agent): void {
      statements.insert.run({ id: agent.id, name: agent.name, data: dataColumn(agent), enabled: agent.enabled ? 1 : 0, created_at: agent.createdAt, updated_at: agent.updatedAt });
    },
    update(agent: Agent): void {
      statements.update.run({ id: agent.id, name: agent.name, data: dataColumn(agent), enabled: agent.enabled ? 1 : 0, updated_at: agent.updatedAt });
    },
    findById(id: string): Agent | null {
      const row = statements.findById.get(id) as AgentRow | undefined;
      return row ? toAgent(row) : null;
    },
    list(): Agent[] {
      return (statements.list.all() as AgentRow[]).map(toAgent);
    },
    remove(id: string): boolean {
      return statements.remove.run(id).changes > 0;
    },
    count(): number {
      return (statements.count.get() as { count: number }).count;
    },
  };
}
export type AgentRepository = ReturnType<typeof createAgentRepository>;
