import type { Migration } from '../migrate';

/**
 * Mail the service sends to an address a visitor typed, counted per address and per client so a
 * visitor cannot make the site mail a stranger again and again (issue 12, mail caps). Only keyed
 * hashes are stored (security/client-key.ts), never the email or the IP; rows go with their lead (an
 * application's email step) or their conversation (a verification code) and are pruned after two
 * days, longer than the longest window.
 */
export const typedMailSchema: Migration = {
  id: 12,
  name: 'mail to visitor-typed addresses: counts for the caps',
  sql: `
CREATE TABLE typed_mail (
  id INTEGER PRIMARY KEY,
  lead_id TEXT REFERENCES leads(id) ON DELETE CASCADE,
  conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  address_key TEXT NOT NULL,
  client_key TEXT,
  capped INTEGER NOT NULL CHECK (capped IN (0, 1)),
  created_at TEXT NOT NULL,
  CHECK (lead_id IS NOT NULL OR conversation_id IS NOT NULL)
);
CREATE INDEX typed_mail_address ON typed_mail(address_key, created_at) WHERE capped = 0;
CREATE INDEX typed_mail_client ON typed_mail(client_key, created_at) WHERE capped = 0 AND client_key IS NOT NULL;
CREATE INDEX typed_mail_created ON typed_mail(created_at);
CREATE UNIQUE INDEX typed_mail_lead_step ON typed_mail(lead_id, step_id) WHERE lead_id IS NOT NULL;
CREATE INDEX typed_mail_conversation ON typed_mail(conversation_id) WHERE conversation_id IS NOT NULL;
`,
};
