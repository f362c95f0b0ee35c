import { UpstreamError } from '../core/errors';
import type { ChatModel, ChatModelEvent, ChatModelRequest, ToolCall } from './chat-model';

/**
 * A model for unit tests and benchmarks: each call to `stream` plays the next scripted response.
 * A response is either a list of events, a function of the request, or an error to throw part-way.
 */
export type ScriptedStep =
  | { text?: string; toolCalls?: Array<Omit<ToolCall, 'id'> & { id?: string }>; usage?: { inputTokens: number; outputTokens: number } }
  | { failAfterText: string; error?: UpstreamError }
  | ((request: ChatModelRequest) => ScriptedStep);

export interface ScriptedModel extends ChatModel {
  /** Every request the runtime sent, in order, so tests can look at prompts and tool results. */
  readonly requests: ChatModelRequest[];
  push(...steps: ScriptedStep[]): void;
}

export function createScriptedModel(steps: ScriptedStep[] = [], options: { repeatLast?: boolean } = {}): ScriptedModel {
  const queue = [...steps];
  const requests: ChatModelRequest[] = [];
  let callCounter = 0;
  let last: ScriptedStep | undefined;

  async function* play(step: ScriptedStep, request: ChatModelRequest): AsyncGenerator<ChatModelEvent> {
    let resolved = step;
    while (typeof resolved === 'function') resolved = resolved(request);
    if ('failAfterText' in resolved) {
      if (resolved.failAfterText) yield { type: 'text-delta', delta: resolved.failAfterText };
      throw resolved.error ?? new UpstreamError('The scripted model failed mid-stream.', 'upstream_failed');
    }
    if (resolved.text) {
      // Two deltas, so consumers see streaming rather than one block.
      const middle = Math.ceil(resolved.text.length / 2);
      yield { type: 'text-delta', delta: resolved.text.slice(0, middle) };
      if (middle < resolved.text.length) yield { type: 'text-delta', delta: resolved.text.slice(middle) };
    }
    for (const call of resolved.toolCalls ?? []) {
      callCounter += 1;
      yield { type: 'tool-call', call: { id: call.id ?? `call_${callCounter}`, name: call.name, argumentsText: call.argumentsText } };
    }
    yield {
      type: 'finish',
      reason: resolved.toolCalls?.length ? 'tool-calls' : 'stop',
      usage: resolved.usage ?? { inputTokens: 10, outputTokens: 5 },
    };
  }

  return {
    name: 'scripted',
    requests,
    push: (...more) => void queue.push(...more),
    stream(request) {
      // A copy: the loop keeps appending to its message list after the call.
      requests.push({ ...request, messages: [...request.messages] });
      const step = queue.shift() ?? (options.repeatLast ? last : undefined);
      if (!step) throw new Error('The scripted model has no more responses; add one with push().');
      last = step;
      return play(step, request);
    },
  };
}
