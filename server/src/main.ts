import path from 'node:path';
import { loadConfig, ConfigurationError } from './config/config';
import { resolveSharedSecret } from './config/shared-secret';
import { openDatabase } from './db/database';
import { createLogger } from './logging/logger';
import { createContainer } from './container';
import { createApp } from './app';
import { seedExampleIfEmpty } from './seed/seed-example';
import { SERVICE_VERSION } from './core/version';

/** `npm start`: configuration → database → seed → HTTP server, and a graceful stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\nSee README.md, "Configuration", for every variable.\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const { secret, generated } = resolveSharedSecret(config.dataDirectory, config.sharedSecret);
  if (generated) {
    // Printed once, on purpose: the owner pastes it into Settings → Affiliate Agent in WordPress.
    process.stdout.write(
      `\nA new shared secret was generated and saved in ${path.join(config.dataDirectory, 'shared-secret')}.\n` +
        `Paste it into WordPress → Affiliate Agent → Settings:\n\n    ${secret}\n\n`,
    );
  }
  const db = openDatabase(path.join(config.dataDirectory, 'affiliate-agent.sqlite'));
  const container = createContainer({ db, config, secret, logger });
  const seeded = seedExampleIfEmpty(container);
  const app = createApp(container);
  container.outbox.start();
  container.knowledge.warmRetrieval();
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info('service started', { version: SERVICE_VERSION, url: `http://${config.host}:${port}`, seededAgent: seeded?.agentId ?? null });
    process.stdout.write(`Affiliate Agent service ${SERVICE_VERSION} listening on http://${config.host}:${port}\n`);
    if (seeded) process.stdout.write(`Seeded example agent ${seeded.agentId}; try http://${config.host}:${port}/preview/${seeded.agentId}\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    server.close();
    server.closeAllConnections?.();
    container
      .close()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error('error while stopping', { error: String(error) });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
