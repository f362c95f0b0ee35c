import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ModelCircuitSnapshot } from './readiness';

/**
 * The service's Prometheus metrics (prom-client), served at `/metrics` when `AA_METRICS_TOKEN` is
 * set. One registry per container, never prom-client's global one, so several services in one
 * process (tests) do not collide. Event-loop delay, memory and CPU come from prom-client's default
 * Node metrics (`nodejs_eventloop_lag_p99_seconds` …).
 */
export interface OutboxGauges {
  outboxLag(nowMs: number): { depth: number; oldestDueAgeMs: number };
}

const CIRCUIT_STATES = ['closed', 'half-open', 'open'] as const;

/** The parts of the service report into this narrow interface; tests and benches can pass a no-op. */
export interface ServiceMetrics {
  turnFinished(seconds: number, outcome: 'ok' | 'error'): void;
  firstText(seconds: number): void;
  modelError(kind: string): void;
  retrieval(seconds: number, outcome: 'ok' | 'error'): void;
  delivery(connector: string, status: string): void;
}

export const NO_METRICS: ServiceMetrics = {
  turnFinished: () => undefined,
  firstText: () => undefined,
  modelError: () => undefined,
  retrieval: () => undefined,
  delivery: () => undefined,
};

// Sub-second resolution where the relay's own overhead lives, up to the model's slow tail.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const RETRIEVAL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function createMetrics({ outbox, modelCircuit, now = Date.now }: { outbox: OutboxGauges; modelCircuit?: () => ModelCircuitSnapshot | null | undefined; now?: () => number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: '', eventLoopMonitoringPrecision: 10 });

  const turnSeconds = new Histogram({ name: 'aa_turn_duration_seconds', help: 'Visitor turns from request to the last event.', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const firstTextSeconds = new Histogram({ name: 'aa_turn_first_text_seconds', help: 'Time from the visitor message to the first text sent back.', buckets: LATENCY_BUCKETS, registers: [registry] });
  const modelErrors = new Counter({ name: 'aa_model_errors_total', help: 'Turns that ended in an error, by kind (the error code sent to the visitor).', labelNames: ['kind'], registers: [registry] });
  const retrievalSeconds = new Histogram({ name: 'aa_retrieval_duration_seconds', help: 'Knowledge retrieval for a turn.', labelNames: ['outcome'], buckets: RETRIEVAL_BUCKETS, registers: [registry] });
  const deliveries = new Counter({ name: 'aa_outbox_deliveries_total', help: 'Outbox delivery attempts by connector (step type) and outcome.', labelNames: ['connector', 'status'], registers: [registry] });

  // Read from the database at scrape time: the numbers survive restarts and match the ledger.
  let lag: { depth: number; oldestDueAgeMs: number } | null = null;
  const readLag = () => (lag ??= outbox.outboxLag(now()));
  new Gauge({
    name: 'aa_outbox_depth',
    help: 'Outbox jobs pending or running.',
    registers: [registry],
    collect() {
      this.set(readLag().depth);
    },
  });
  new Gauge({
    name: 'aa_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due outbox job has waited (0 when none is due).',
    registers: [registry],
    collect() {
      this.set(readLag().oldestDueAgeMs / 1000);
    },
  });

  // The model's circuit breaker, read at scrape time. Without a provider (offline engine only) the
  // state series are all 0 and the counts stay 0.
  new Gauge({
    name: 'aa_model_circuit_state',
    help: 'The AI model circuit breaker: 1 for the state it is in (closed, half-open, open), 0 for the others; all 0 without a provider.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = modelCircuit?.()?.state ?? null;
      for (const state of CIRCUIT_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  new Gauge({
    name: 'aa_model_circuit_consecutive_failures',
    help: 'Upstream failures in a row the model circuit breaker has counted.',
    registers: [registry],
    collect() {
      this.set(modelCircuit?.()?.consecutiveFailures ?? 0);
    },
  });
  let opensSeen = 0;
  new Counter({
    name: 'aa_model_circuit_opens_total',
    help: 'Times the model circuit breaker opened (turns then skip the model and the offline engine answers).',
    registers: [registry],
    collect() {
      const opens = modelCircuit?.()?.opens ?? opensSeen;
      // The breaker counts; the counter follows it (a swapped model starts again from its own count).
      if (opens > opensSeen) this.inc(opens - opensSeen);
      opensSeen = opens;
    },
  });

  const metrics: ServiceMetrics = {
    turnFinished: (seconds, outcome) => turnSeconds.observe({ outcome }, seconds),
    firstText: (seconds) => firstTextSeconds.observe(seconds),
    modelError: (kind) => modelErrors.inc({ kind }),
    retrieval: (seconds, outcome) => retrievalSeconds.observe({ outcome }, seconds),
    delivery: (connector, status) => deliveries.inc({ connector, status }),
  };

  return {
    ...metrics,
    contentType: registry.contentType,
    async render(): Promise<string> {
      lag = null;
      try {
        return await registry.metrics();
      } finally {
        lag = null;
      }
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
