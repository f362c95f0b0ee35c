/**
 * The service as the crash test runs it: the real container (lead service, outbox scheduler and
 * worker, connectors) on a real SQLite file, plus a minimal capture endpoint standing in for the
 * chat's action completion. The parent SIGKILLs this process at random moments and restarts it.
 *
 * Env: AA_CRASH_DATA_DIR, AA_CRASH_RECEIVER_URL, AA_CRASH_AFFILIATEWP_URL, AA_CRASH_BRIDGE_URL.
 * Prints `READY <port>` once it accepts captures.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../server/src/config/config';
import { createContainer } from '../../server/src/container';
import { openDatabase } from '../../server/src/db/database';
import { silentLogger } from '../../server/src/logging/logger';
import { actionDefinitionSchema } from '../../server/src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../server/src/actions/templates';
import { DELIVERY_SETTINGS_KEY } from '../../server/src/connectors/delivery-settings';
import { CRASH_SECRET, CRASH_WEBHOOK_SECRET } from './crash-constants';


const dataDirectory = process.env.AA_CRASH_DATA_DIR!;
const receiverUrl = process.env.AA_CRASH_RECEIVER_URL!;
const affiliateWpUrl = process.env.AA_CRASH_AFFILIATEWP_URL!;
const bridgeUrl = process.env.AA_CRASH_BRIDGE_URL!;

const db = openDatabase(path.join(dataDirectory, 'affiliate-agent.sqlite'));
const container = createContainer({
  db,
  config: loadConfig({ AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: CRASH_SECRET, AA_LOG_LEVEL: 'silent' }),
  secret: CRASH_SECRET,
  logger: silentLogger,
  // A short lease so jobs a killed process held are picked up again within the test's patience.
  outboxOptions: { leaseMs: 1_500, pollIntervalMs: 50, concurrency: 4 },
});

if (!container.settings.get(DELIVERY_SETTINGS_KEY)) {
  container.settings.set(DELIVERY_SETTINGS_KEY, {
    affiliatewp: { transport: 'rest', createAccounts: true, siteUrl: affiliateWpUrl, publicKey: 'pk_crash', token: 'tok_crash' },
    webhooks: { signingSecret: CRASH_WEBHOOK_SECRET, timeoutMs: 5_000 },
    wordpress: { siteUrl: bridgeUrl },
    notifications: { recipients: ['manager@example.com'] },
    network: { allowHosts: ['127.0.0.1'] },
    retry: { maxAttempts: 50, baseDelaySeconds: 1, maxDelaySeconds: 2 },
  });
}
let agentId = container.settings.get<string>('crash.agent');
if (!agentId) {
  agentId = container.agents.create({ name: 'Crash test agent' }).id;
  container.settings.set('crash.agent', agentId);
}

const template = ACTION_TEMPLATES['affiliate-application'];
const definition = actionDefinitionSchema.parse({
  ...template,
  steps: [
    { id: 'affiliatewp', type: 'affiliatewp_application', config: {} },
    { id: 'crm', type: 'webhook', config: { url: `${receiverUrl}/crm` } },
    { id: 'crm_followup', type: 'webhook', dependsOn: ['crm'], config: { url: `${receiverUrl}/crm_followup` } },
    { id: 'automation', type: 'webhook', config: { url: `${receiverUrl}/automation` } },
    { id: 'notify', type: 'notify_manager', config: { recipients: [] } },
  ],
});

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      if (request.url === '/capture' && request.method === 'POST') {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { email: string; name: string };
        const { lead } = container.leads.submit({
          agentId: agentId!,
          actionId: null,
          actionKey: definition.key,
          actionVersion: 1,
          definition,
          values: { name: input.name, email: input.email, platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true },
          // Applicants who typed the emailed code (the template verifies the email), so every step runs.
          emailVerification: { method: 'code', verifiedAt: new Date().toISOString() },
        });
        // Answered only after the lead and its jobs are committed: this is the acknowledgement.
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ leadId: lead.id }));
        return;
      }
      if (request.url === '/progress') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(container.outbox.repository.countsByStatus()));
        return;
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  container.outbox.start();
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});

process.on('SIGTERM', () => {
  server.close();
  void container.close().then(() => process.exit(0));
});
