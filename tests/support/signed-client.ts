import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/src/app';
import { loadConfig, type ServiceConfig } from '../../server/src/config/config';
import { createContainer, type Container } from '../../server/src/container';
import { openDatabase } from '../../server/src/db/database';
import { silentLogger, type Logger } from '../../server/src/logging/logger';
import { signRequest } from '../../server/src/security/request-signing';

export const TEST_SECRET = 'test-shared-secret-0123456789abcdef0123456789';
export const ADMIN_CAPABILITIES = ['aa_manage_agents', 'aa_review_leads'];
export const MANAGER_CAPABILITIES = ['aa_review_leads'];

export interface SignedResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestService {
  url: string;
  container: Container;
  dataDirectory: string;
  /** A signed admin request, as the WordPress plugin's proxy sends it. */
  request<T = any>(method: string, pathWithQuery: string, body?: unknown, options?: { userId?: number; capabilities?: string[]; headers?: Record<string, string> }): Promise<SignedResponse<T>>;
  /** An unsigned request (public routes, or to prove a route refuses it). */
  raw(method: string, pathWithQuery: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the real app in-process on an ephemeral port with a temporary SQLite file.
 * Tests talk to it over real HTTP, signing requests exactly as the plugin does (docs/protocol.md).
 */
export async function startTestService(
  options: { environment?: Record<string, string>; logger?: Logger; configure?: (config: ServiceConfig) => ServiceConfig } = {},
): Promise<TestService> {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-test-'));
  const baseConfig = loadConfig({ AA_DATA_DIR: dataDirectory, AA_SHARED_SECRET: TEST_SECRET, AA_LOG_LEVEL: 'silent', ...options.environment });
  const config = options.configure ? options.configure(baseConfig) : baseConfig;
  const db = openDatabase(path.join(dataDirectory, 'affiliate-agent.sqlite'));
  const container = createContainer({ db, config, secret: TEST_SECRET, logger: options.logger ?? silentLogger });
  const app = createApp(container);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    container,
    dataDirectory,
    async request(method, pathWithQuery, body, requestOptions = {}) {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const headers: Record<string, string> = {
        ...signRequest(TEST_SECRET, {
          method,
          pathWithQuery,
          body: payload,
          userId: requestOptions.userId ?? 1,
          capabilities: requestOptions.capabilities ?? ADMIN_CAPABILITIES,
        }),
        ...(payload ? { 'Content-Type': 'application/json' } : {}),
        ...requestOptions.headers,
      };
      const response = await fetch(url + pathWithQuery, { method, headers, body: payload || undefined });
      const text = await response.text();
      let parsed: unknown = text;
      if ((response.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: parsed as any, text };
    },
    raw: (method, pathWithQuery, init = {}) => fetch(url + pathWithQuery, { ...init, method }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.close();
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
