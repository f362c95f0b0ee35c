import { UpstreamError } from '../../src/core/errors';
import type { ChatModel, ChatModelEvent } from '../../src/runtime/chat-model';
import { withCircuitBreaker } from '../../src/runtime/circuit-breaker';

/** A model whose availability the test switches; it counts the calls that reached it. */
function flakyModel() {
  const model = {
    up: false,
    calls: 0,
    name: 'flaky',
    async *stream(): AsyncIterable<ChatModelEvent> {
      model.calls += 1;
      if (!model.up) throw new UpstreamError('down', 'upstream_failed');
      yield { type: 'text-delta', delta: 'hi' } as ChatModelEvent;
    },
  };
  return model;
}

async function drain(model: ChatModel): Promise<string> {
  try {
    for await (const event of model.stream({ messages: [], tools: [] })) void event;
    return 'ok';
  } catch (error) {
    return (error as UpstreamError).code;
  }
}

describe('circuit breaker around the model', () => {
  it('skips the model during the cooldown after repeated upstream failures, then tries again', async () => {
    let clock = 0;
    const upstream = flakyModel();
    const model = withCircuitBreaker(upstream, { failureThreshold: 3, cooldownMs: 30_000, now: () => clock });
    expect([await drain(model), await drain(model), await drain(model)]).toEqual(['upstream_failed', 'upstream_failed', 'upstream_failed']);
    expect(model.circuit()).toMatchObject({ state: 'open', opens: 1 });
    expect(await drain(model)).toBe('upstream_circuit_open');
    expect(upstream.calls).toBe(3);

    clock = 30_001;
    expect(model.circuit().state).toBe('half-open');
    expect(await drain(model)).toBe('upstream_failed');
    expect(model.circuit()).toMatchObject({ state: 'open', opens: 2 });

    clock = 60_002;
    upstream.up = true;
    expect(await drain(model)).toBe('ok');
    expect(model.circuit()).toEqual({ state: 'closed', consecutiveFailures: 0, openUntil: null, opens: 2 });
  });

  it('does not count errors that are not upstream failures', async () => {
    const model = withCircuitBreaker({
      name: 'broken',
       
      async *stream() {
        throw new Error('bug');
      },
    });
    for (let attempt = 0; attempt < 5; attempt += 1) await expect(drain(model)).resolves.toBeUndefined();
    expect(model.circuit().state).toBe('closed');
  });
});
