import http from 'node:http';
import path from 'node:path';
import { loadConfig, ConfigurationError } from './config/config';
import { resolveSharedSecret } from './config/shared-secret';
import { buildConnectionKey, CONNECTION_KEY_COMMAND, secretFileOf, serviceUrlOf } from './config/connection-key';
import { DATABASE_FILE_NAME, openDatabase } from './db/database';
import { createLogger } from './logging/logger';
import { createContainer, type Container } from './container';
import { createApp } from './app';
import { seedExampleIfEmpty } from './seed/seed-example';
import { SERVICE_VERSION } from './core/version';
import { createGracefulStop } from './operations/graceful-stop';

/**
 * A new secret was generated. Its value never goes to stdout unless a person is looking at a terminal:
 * systemd, containers and CI keep stdout in logs (security review, finding 10). In a terminal, the
 * one-paste connection key is shown once; elsewhere only where the secret is and how to see the key.
 */
function announceNewSecret(url: string, secret: string, dataDirectory: string): void {
  const file = secretFileOf(dataDirectory);
  if (process.stdout.isTTY) {
    process.stdout.write(
      `\nA new shared secret was generated and saved in ${file} (mode 0600).\n` +
        `Paste this connection key into WordPress → Affiliate Agent → Settings:\n\n    ${buildConnectionKey(url, secret)}\n\n` +
        `It is shown only now; ${CONNECTION_KEY_COMMAND} prints it again.\n`,
    );
    return;
  }
  process.stdout.write(
    `A new shared secret was generated and saved in ${file} (mode 0600). ` +
      `To connect WordPress, print the connection key where the service runs: ${CONNECTION_KEY_COMMAND}.\n`,
  );
}

/** `npm start`: configuration → the port → database → seed → workers, and a graceful stop on SIGINT/SIGTERM. */
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
  // The port is taken before anything else: a second instance on a busy port must not open the
  // database (migrations, seeding), create a secret or start a worker (security review, finding 12).
  const server = http.createServer();
  let container: Container | undefined;
  let stop: ((signal: string) => Promise<void>) | undefined;
  // Handlers go in first, so a signal that comes as the service starts is a clean stop, not a kill.
  const onSignal = (signal: string) => {
    if (!stop) process.exit(0); // nothing was started yet
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('error while stopping', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? 'is already in use (another instance running?)' : `cannot be opened (${error.code ?? error.message})`;
    process.stderr.write(`Port ${config.port} on ${config.host} ${reason}; set AA_PORT to a free port. Nothing was started.\n`);
    void (container?.close() ?? Promise.resolve()).finally(() => process.exit(1));
  });
  server.listen(config.port, config.host, () => {
    const { secret, generated } = resolveSharedSecret(config.dataDirectory, config.sharedSecret);
    const db = openDatabase(path.join(config.dataDirectory, DATABASE_FILE_NAME));
    const started = createContainer({ db, config, secret, logger });
    container = started;
    const seeded = seedExampleIfEmpty(started);
    server.on('request', createApp(started));
    started.outbox.start();
    started.affiliateReconciler.start();
    started.programTermsImport.start();
    started.dailyDigest.start();
    started.knowledge.warmRetrieval();
    started.operations.retention.start();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info('service started', { version: SERVICE_VERSION, url: `http://${config.host}:${port}`, seededAgent: seeded?.agentId ?? null });
    process.stdout.write(`Affiliate Agent service ${SERVICE_VERSION} listening on http://${config.host}:${port}\n`);
    if (generated) announceNewSecret(serviceUrlOf(config, port), secret, config.dataDirectory);
    if (seeded && config.preview) process.stdout.write(`Seeded example agent ${seeded.agentId}; try http://${config.host}:${port}/preview/${seeded.agentId}\n`);
    else if (seeded) process.stdout.write(`Seeded example agent ${seeded.agentId}; start with AA_PREVIEW=on to chat with it in a browser at /preview/${seeded.agentId}\n`);

    stop = createGracefulStop({
      server,
      graceMs: config.operations.shutdownGraceMs,
      logger,
      markStopping: () => started.operations.readiness.markStopping(),
      stopWorkers: (settings) => started.outbox.stop(settings),
      closeContainer: () => started.close(),
    });
  });
}

void main();
