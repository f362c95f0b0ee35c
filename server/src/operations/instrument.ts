import type { ServiceMetrics } from './metrics';

/**
 * Metrics taken at the seams the container already wires (a turn's event stream, the knowledge
 * retriever) instead of inside the turn's code, which other work moves and reshapes.
 */
interface TurnEventLike {
  type: string;
  data?: unknown;
}

export function instrumentTurns<Input extends { emit: (event: never) => void }, Result>(
  sendMessage: (input: Input) => Promise<Result>,
  metrics: ServiceMetrics,
  now: () => number = () => performance.now(),
): (input: Input) => Promise<Result> {
  return async (input) => {
    const started = now();
    let sawText = false;
    let failed = false;
    const emit = input.emit as unknown as (event: TurnEventLike) => void;
    const observed = (event: TurnEventLike) => {
      if (!sawText && event.type === 'text-delta') {
        sawText = true;
        metrics.firstText((now() - started) / 1000);
      } else if (event.type === 'error') {
        failed = true;
        const code = (event.data as { code?: unknown } | undefined)?.code;
        metrics.modelError(typeof code === 'string' ? code : 'unknown');
      }
      emit(event);
    };
    try {
      const result = await sendMessage({ ...input, emit: observed });
      metrics.turnFinished((now() - started) / 1000, failed ? 'error' : 'ok');
      return result;
    } catch (error) {
      metrics.turnFinished((now() - started) / 1000, 'error');
      throw error;
    }
  };
}

/** Times each knowledge retrieval of a turn (in a worker thread, so this is the wait a turn sees). */
export function timedRetriever<Query, Hits>(retrieve: (query: Query) => Promise<Hits>, metrics: ServiceMetrics, now: () => number = () => performance.now()) {
  return {
    async retrieve(query: Query): Promise<Hits> {
      const started = now();
      try {
        const hits = await retrieve(query);
        metrics.retrieval((now() - started) / 1000, 'ok');
        return hits;
      } catch (error) {
        metrics.retrieval((now() - started) / 1000, 'error');
        throw error;
      }
    },
  };
}
