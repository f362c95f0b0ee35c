import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createContainer, type Container } from '../../src/container';
import { openDatabase } from '../../src/db/database';
import { silentLogger } from '../../src/logging/logger';
import { signRequest } from '../../src/security/request-signing';
import { actionDefinitionSchema, type ActionDefinition, type ActionDefinitionInput } from '../../src/contract/action-definition';
import { ACTION_TEMPLATES } from '../../src/actions/templates';
import { createManualClock, type ManualClock } from '../../src/core/clock';
import type { Resolver } from '../../src/connectors/ssrf-guard';
import type { FieldValues } from '../../src/contract/qualification';

/**
 * The real app in-process on a temporary SQLite file, with the outbox on a manual clock and the
 * worker driven by the test (`deliver()`), so retries hours apart take no time at all.
 */
export const SECRET = 'outbox-test-secret-0123456789abcdef012345';
export const WEBHOOK_SECRET = `whsec_${Buffer.from('outbox-test-webhook-signing-key!').toString('base64')}`;

/** `dataDirectory`: reuse one (a restart, or a second process on the same file); the caller removes it. */
export async function startOutboxService(options: { resolver?: Resolver; clock?: ManualClock; dataDirectory?: string } = {}) {
  const clock = options.clock ?? createManualClock(Date.now());
  const dataDirectory = options.dataDirectory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aa-outbox-'));
  const config = loadConfig({ AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: SECRET, AA_LOG_LEVEL: 'silent' });
  const db = openDatabase(path.join(dataDirectory, 'affiliate-agent.sqlite'));
  // random = 1: every backoff takes its longest value, so a test can jump exactly past it.
  const container: Container = createContainer({ db, config, secret: SECRET, logger: silentLogger, outboxOptions: { clock, resolver: options.resolver, random: () => 1 } });
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(container).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request<T = any>(method: string, pathWithQuery: string, body?: unknown, as: { userId?: number; capabilities?: string[] } = {}) {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers = {
      ...signRequest(SECRET, { method, pathWithQuery, body: payload, userId: as.userId ?? 7, capabilities: as.capabilities ?? ['aa_manage_agents', 'aa_review_leads'] }),
      ...(payload ? { 'content-type': 'application/json' } : {}),
    };
    const response = await fetch(url + pathWithQuery, { method, headers, body: payload || undefined });
    const text = await response.text();
    return { status: response.status, body: (text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T };
  }

  const agentId = container.agents.create({ name: 'Outbox test agent' }).id;

  return {
    url,
    clock,
    container,
    agentId,
    request,
    /** Runs every job that is due now, and whatever they unblock. */
    deliver: () => container.outbox.worker.runDue(),
    /**
     * A completed chat application. By default its applicant verified the email with the mailed code
     * (the template asks for it); pass `emailVerification: null` for one who did not.
     */
    submit(definition: ActionDefinition, values: FieldValues, extra: { conversationId?: string; source?: { pageUrl?: string; utm?: Record<string, string> }; emailVerification?: { method: 'code' | 'wordpress-user'; verifiedAt: string } | null } = {}) {
      const emailVerification = 'emailVerification' in extra ? extra.emailVerification : { method: 'code' as const, verifiedAt: new Date(clock.now()).toISOString() };
      return container.leads.submit({ agentId, actionId: null, actionKey: definition.key, actionVersion: 1, definition, values, ...extra, emailVerification });
    },
    async configure(settings: Record<string, unknown>) {
      const response = await request('PATCH', '/v1/settings/delivery', settings);
      if (response.status !== 200) throw new Error(`settings refused: ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.close();
      if (!options.dataDirectory) fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
export type OutboxService = Awaited<ReturnType<typeof startOutboxService>>;

/** The affiliate application template with extra steps appended (or replacing its steps). */
export function applicationWith(steps: ActionDefinitionInput['steps'], options: { replaceSteps?: boolean } = {}): ActionDefinition {
  const template = ACTION_TEMPLATES['affiliate-application'];
  return actionDefinitionSchema.parse({ ...template, steps: options.replaceSteps ? steps : [...(template.steps ?? []), ...(steps ?? [])] });
}

export const PRIORITY_APPLICANT = { name: 'Ana <b>Silva</b>', email: 'ana@example.com', platform: 'youtube', audience_size: 250000, traffic_source: 'organic_social', website: 'https://youtube.com/@ana', consent: true };
export const STANDARD_APPLICANT = { name: 'Bo Chen', email: 'bo@example.com', platform: 'blog', audience_size: 5000, traffic_source: 'seo', consent: true };
