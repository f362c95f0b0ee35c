import type { OperationsRepository } from './operations-repository';

/**
 * `/ready`: may this instance take traffic? Unlike `/health` (the process is alive), it fails when
 * the database cannot be written, the outbox has fallen behind, or the process is shutting down —
 * so a load balancer or orchestrator stops sending visitors here. The model's circuit state is
 * reported (`degraded` when open) but does not fail readiness: a model outage hits every instance
 * alike, and taking them all out of rotation would also stop the offline answers, lead capture and
 * deliveries that still work.
 */
export type CircuitState = 'closed' | 'half-open' | 'open';

/**
 * What the model's circuit breaker (runtime/circuit-breaker.ts) reports now; the container reads it
 * from the current model. Null means "no breaker": no AI provider is configured and the offline
 * engine answers every turn.
 */
export interface ModelCircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  /** Times the breaker opened since start, for /metrics. */
  opens: number;
}

export interface ReadinessCheck {
  ready: boolean;
  /** Ready, but the model's circuit is open: answers come from the fallback until it closes. */
  degraded: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    outbox: { ok: boolean; depth: number; oldestDueAgeMs: number; maxLagMs: number };
    model: { ok: boolean; circuit: CircuitState | 'none' };
    stopping: boolean;
  };
}

export interface ReadinessOptions {
  repository: Pick<OperationsRepository, 'probeWrite' | 'outboxLag'>;
  modelCircuit?: () => ModelCircuitSnapshot | null | undefined;
  /** The oldest due outbox job may wait this long before the instance reports not ready (default 5 min). */
  maxOutboxLagMs?: number;
  now?: () => number;
}

export function createReadiness({ repository, modelCircuit, maxOutboxLagMs = 300_000, now = Date.now }: ReadinessOptions) {
  let stopping = false;
  return {
    markStopping(): void {
      stopping = true;
    },
    check(): ReadinessCheck {
      const at = now();
      let database: ReadinessCheck['checks']['database'];
      let outbox: ReadinessCheck['checks']['outbox'] = { ok: false, depth: 0, oldestDueAgeMs: 0, maxLagMs: maxOutboxLagMs };
      try {
        repository.probeWrite(new Date(at).toISOString());
        database = { ok: true };
        const lag = repository.outboxLag(at);
        outbox = { ok: lag.oldestDueAgeMs <= maxOutboxLagMs, ...lag, maxLagMs: maxOutboxLagMs };
      } catch (error) {
        database = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      // A half-open breaker is letting a trial request through: still able to answer.
      const circuit: CircuitState | 'none' = modelCircuit?.()?.state ?? 'none';
      const model = { ok: circuit !== 'open', circuit };
      return { ready: database.ok && outbox.ok && !stopping, degraded: !model.ok, checks: { database, outbox, model, stopping } };
    },
  };
}
export type Readiness = ReturnType<typeof createReadiness>;
