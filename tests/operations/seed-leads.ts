import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { actionDefinitionSchema } from '../../server/src/actions/action-definition';
import { ACTION_TEMPLATES } from '../../server/src/actions/templates';
import { loadConfig } from '../../server/src/config/config';
import { DELIVERY_SETTINGS_KEY } from '../../server/src/connectors/delivery-settings';
import { createContainer } from '../../server/src/container';
import { DATABASE_FILE_NAME, openDatabase } from '../../server/src/db/database';
import { silentLogger } from '../../server/src/logging/logger';
import { TEST_SECRET } from '../support/signed-client';

/** Leads with two webhook steps each, written into a data directory the service then runs on. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('operations-test-webhook-key!!!!!').toString('base64')}`;

export function seedLeads(dataDirectory: string, receiverUrl: string, count: number): void {
  const db = openDatabase(path.join(dataDirectory, DATABASE_FILE_NAME));
  const container = createContainer({ db, config: loadConfig({ AA_DATA_DIR: dataDirectory, AA_LOG_LEVEL: 'silent' }), secret: TEST_SECRET, logger: silentLogger });
  container.settings.set(DELIVERY_SETTINGS_KEY, {
    webhooks: { signingSecret: WEBHOOK_SECRET, timeoutMs: 5_000 },
    network: { allowHosts: ['127.0.0.1'] },
    retry: { maxAttempts: 50, baseDelaySeconds: 1, maxDelaySeconds: 1 },
  });
  const agentId = container.agents.create({ name: 'Operations test agent' }).id;
  const definition = actionDefinitionSchema.parse({
    ...ACTION_TEMPLATES['affiliate-application'],
    steps: [
      { id: 'crm', type: 'webhook', config: { url: `${receiverUrl}/crm` } },
      { id: 'automation', type: 'webhook', config: { url: `${receiverUrl}/automation` } },
    ],
  });
  for (let index = 0; index < count; index += 1) {
    container.leads.submit({ agentId, actionId: null, actionKey: definition.key, actionVersion: 1, definition, values: { name: `Lead ${index}`, email: `lead${index}@site.com`, platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true } });
  }
  db.close();
}

export function jobCounts(dataDirectory: string): Record<string, number> {
  const db = new BetterSqlite3(path.join(dataDirectory, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS count FROM outbox_jobs GROUP BY status').all() as Array<{ status: string; count: number }>;
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  } finally {
    db.close();
  }
}

export function scalar(dataDirectory: string, sql: string): number {
  const db = new BetterSqlite3(path.join(dataDirectory, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { value: number }).value;
  } finally {
    db.close();
  }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
