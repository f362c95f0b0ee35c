import type { Server } from 'node:http';
import type { Logger } from '../logging/logger';

/**
 * SIGTERM (systemd stop, `podman stop`, a rolling update): stop accepting connections, report not
 * ready, let requests in flight — streaming chat turns above all — finish for up to `graceMs`, and
 * meanwhile let the outbox finish its running deliveries; then cut what is left, hand unfinished
 * jobs back (their leases released, so the next start runs them at once and none is lost) and close
 * the database. A second signal does not interrupt this: it is already under way.
 */
export interface GracefulStopOptions {
  server: Server;
  graceMs: number;
  logger: Logger;
  markStopping: () => void;
  /** Stops claiming outbox jobs and waits up to graceMs for running ones, then releases the rest. */
  stopWorkers: (settings: { graceMs: number }) => Promise<void>;
  /** After every request and job is done: closes the database. */
  closeContainer: () => Promise<void>;
}

export function createGracefulStop({ server, graceMs, logger, markStopping, stopWorkers, closeContainer }: GracefulStopOptions) {
  let stopping: Promise<void> | null = null;

  async function drainHttp(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections that go idle after their last response would hold close() open.
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    let graceTimer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      graceTimer = setTimeout(() => resolve('expired'), graceMs);
    });
    const outcome = await Promise.race([closed.then(() => 'drained' as const), expired]);
    clearInterval(idleSweep);
    clearTimeout(graceTimer);
    if (outcome === 'expired') {
      logger.warn('requests still open after the grace period; closing them', { graceMs });
      server.closeAllConnections();
      await closed;
    }
  }

  return function stop(signal: string): Promise<void> {
    stopping ??= (async () => {
      const started = Date.now();
      logger.info('stopping', { signal, graceMs });
      markStopping();
      // Turns still streaming may write (messages, a new lead and its jobs): the database closes last.
      await Promise.all([drainHttp(), stopWorkers({ graceMs })]);
      await closeContainer();
      logger.info('stopped', { signal, ms: Date.now() - started });
    })();
    return stopping;
  };
}
