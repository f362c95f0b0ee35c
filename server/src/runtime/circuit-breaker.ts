import { UpstreamError } from '../core/errors';
import type { ChatModel, ChatModelEvent, ChatModelRequest } from './chat-model';

/**
 * With the model down, every turn would pay the provider's retries (1.2–1.4 s) before falling back.
 * After `failureThreshold` consecutive upstream failures the breaker opens: turns skip the model
 * (an immediate UpstreamError with code `upstream_circuit_open`, so the usual offline fallback
 * answers) until `cooldownMs` has passed; then one turn tries the model again (half-open), and a
 * success closes the breaker.
 */
export interface CircuitBreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

export interface CircuitState {
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  openUntil: number | null;
  /** How many times the breaker has opened since the process started (a failed half-open try counts again). */
  opens: number;
}

/** The breaker's state when `model` is one `withCircuitBreaker` made; null for an unguarded model or none. */
export function circuitOf(model: ChatModel | null): CircuitState | null {
  const guarded = model as (ChatModel & { circuit?: () => CircuitState }) | null;
  return typeof guarded?.circuit === 'function' ? guarded.circuit() : null;
}

export function withCircuitBreaker(model: ChatModel, options: CircuitBreakerOptions = {}): ChatModel & { circuit(): CircuitState } {
  const threshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let consecutiveFailures = 0;
  let openUntil: number | null = null;
  let opens = 0;

  const circuit = (): CircuitState => ({
    state: openUntil === null ? 'closed' : now() < openUntil ? 'open' : 'half-open',
    consecutiveFailures,
    openUntil,
    opens,
  });

  async function* stream(request: ChatModelRequest): AsyncIterable<ChatModelEvent> {
    if (circuit().state === 'open') {
      throw new UpstreamError(`AI provider skipped for ${Math.ceil((openUntil! - now()) / 1000)} s after ${consecutiveFailures} failures in a row`, 'upstream_circuit_open');
    }
    try {
      yield* model.stream(request);
      consecutiveFailures = 0;
      openUntil = null;
    } catch (error) {
      if (error instanceof UpstreamError) {
        consecutiveFailures += 1;
        // A failed half-open try opens the breaker again straight away.
        if (consecutiveFailures >= threshold || openUntil !== null) {
          openUntil = now() + cooldownMs;
          opens += 1;
        }
      }
      throw error;
    }
  }

  return { name: model.name, stream, circuit };
}
