import type { Migration } from '../migrate';

export const coreSchema: Migration = {
  id: 1,
  name: 'core: settings, agents, actions with versions, leads',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  data TEXT NOT NULL,            -- JSON: instructions, language, greeting, appearance, origins, cap …
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  published_version INTEGER,     -- NULL until first publish
  draft_version INTEGER,         -- NULL when there are no unpublished edits
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (agent_id, key)
);

CREATE TABLE action_versions (
  action_id TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,      -- JSON validated by actionDefinitionSchema
  created_at TEXT NOT NULL,
  created_by INTEGER,
  published_at TEXT,
  restored_from INTEGER,
  PRIMARY KEY (action_id, version)
);

CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  action_id TEXT,
  action_key TEXT NOT NULL,
  action_version INTEGER NOT NULL,
  conversation_id TEXT,
  email TEXT,                    -- lower-cased; one lead per agent and email
  name TEXT,
  fields TEXT NOT NULL,          -- JSON object of field values
  score INTEGER NOT NULL,
  score_explanation TEXT NOT NULL,
  route TEXT NOT NULL CHECK (route IN ('priority','standard','review','reject')),
  status TEXT NOT NULL CHECK (status IN ('new','contacted','approved','rejected','archived')),
  source TEXT NOT NULL,          -- JSON: page URL, referrer, UTM
  consents TEXT NOT NULL,        -- JSON array of consent records
  submissions INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX leads_agent_email ON leads(agent_id, email) WHERE email IS NOT NULL;
-- status trails each index so the inbox's default "not archived" check is answered from the index.
CREATE INDEX leads_created ON leads(created_at DESC, id DESC, status);
CREATE INDEX leads_route_created ON leads(route, created_at DESC, id DESC, status);
CREATE INDEX leads_status_created ON leads(status, created_at DESC, id DESC);
CREATE INDEX leads_agent_created ON leads(agent_id, created_at DESC, id DESC, status);
CREATE INDEX leads_score ON leads(score DESC, id DESC);
CREATE INDEX leads_conversation ON leads(conversation_id, action_key);

CREATE TABLE lead_tags (
  lead_id TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (lead_id, tag)
);
CREATE INDEX lead_tags_tag ON lead_tags(tag, lead_id);

CREATE TABLE lead_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  type TEXT NOT NULL,            -- lead-created, lead-resubmitted, status-changed, tags-changed, note-added
  actor INTEGER,                 -- WordPress user id, NULL for the visitor or the system
  data TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX lead_events_lead ON lead_events(lead_id, id);

CREATE TABLE lead_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  author INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Free-text search over name, email and field values, kept in step by triggers.
CREATE VIRTUAL TABLE leads_fts USING fts5(name, email, fields, content='leads', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
  INSERT INTO leads_fts(rowid, name, email, fields) VALUES (new.rowid, new.name, new.email, new.fields);
END;
CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads BEGIN
  INSERT INTO leads_fts(leads_fts, rowid, name, email, fields) VALUES ('delete', old.rowid, old.name, old.email, old.fields);
END;
CREATE TRIGGER leads_fts_update AFTER UPDATE OF name, email, fields ON leads BEGIN
  INSERT INTO leads_fts(leads_fts, rowid, name, email, fields) VALUES ('delete', old.rowid, old.name, old.email, old.fields);
  INSERT INTO leads_fts(rowid, name, email, fields) VALUES (new.rowid, new.name, new.email, new.fields);
END;
`,
};
