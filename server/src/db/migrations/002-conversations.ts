import type { Migration } from '../migrate';

export const conversationsSchema: Migration = {
  id: 2,
  name: 'conversations, their messages and daily usage per agent',
  sql: `
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  mode TEXT NOT NULL CHECK (mode IN ('visitor','playground')),
  visitor_id TEXT,               -- from the visitor token; NULL in the playground
  admin_user INTEGER,            -- WordPress user running a playground conversation
  source TEXT NOT NULL,          -- JSON: page URL, referrer, UTM; becomes the lead's source
  state TEXT NOT NULL,           -- JSON: runtime state (action draft, pending confirmation, offline engine)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX conversations_agent_created ON conversations(agent_id, created_at DESC);
CREATE INDEX conversations_visitor ON conversations(visitor_id, created_at DESC);

CREATE TABLE conversation_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user','assistant')),
  content TEXT NOT NULL,
  citations TEXT,                -- JSON array of { id, title, url }
  client_message_id TEXT,        -- visitor messages: the widget's id, makes retries idempotent
  reply_to TEXT,                 -- assistant messages: the visitor message they answer
  events TEXT,                   -- assistant messages: the turn's events, replayed on a retried message
  engine TEXT,                   -- assistant messages: provider | offline | greeting
  created_at TEXT NOT NULL,
  UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX conversation_messages_client ON conversation_messages(conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;
CREATE INDEX conversation_messages_reply ON conversation_messages(reply_to) WHERE reply_to IS NOT NULL;

CREATE TABLE usage_daily (
  agent_id TEXT NOT NULL,
  day TEXT NOT NULL,             -- YYYY-MM-DD, UTC
  engine TEXT NOT NULL CHECK (engine IN ('provider','offline')),
  responses INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agent_id, day, engine)
);
`,
};
