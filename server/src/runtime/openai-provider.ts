import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { UpstreamError } from '../core/errors';
import type { Logger } from '../logging/logger';
import type { ChatMessage, ChatModel, ChatModelEvent, ChatModelRequest, ToolCall, TokenUsage } from './chat-model';

export interface OpenAIProviderOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
  /** Time allowed to connect and, afterwards, between two streamed chunks. */
  timeoutMs: number;
  /** Retries for 429, 5xx and connection failures that happen before anything was streamed. */
  maxRetries?: number;
  /** First backoff delay; doubles on each retry, with jitter. */
  retryBaseDelayMs?: number;
  logger?: Logger;
}

const MAX_RETRY_AFTER_MS = 5_000;

function toOpenAIMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content || null,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.argumentsText },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true; // includes connection timeouts
  if (error instanceof OpenAI.APIError) return error.status === 429 || (error.status !== undefined && error.status >= 500);
  return false;
}

function retryAfterMs(error: unknown): number | null {
  if (!(error instanceof OpenAI.APIError) || !error.headers) return null;
  const milliseconds = Number(error.headers.get('retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds > 0) return Math.min(milliseconds, MAX_RETRY_AFTER_MS);
  const seconds = Number(error.headers.get('retry-after'));
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  return null;
}

/** Maps SDK and network errors to the service's error model, keeping the upstream status for logs. */
export function toUpstreamError(error: unknown, timedOut: boolean): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
    return new UpstreamError('The AI provider did not answer in time.', 'upstream_timeout', undefined, 504);
  }
  if (error instanceof OpenAI.APIError && error.status === 429) {
    return new UpstreamError('The AI provider is rate limiting or out of quota.', 'upstream_rate_limited', { status: 429 }, 503);
  }
  if (error instanceof OpenAI.APIError && (error.status === 401 || error.status === 403)) {
    return new UpstreamError('The AI provider refused the API key; check AA_OPENAI_API_KEY.', 'upstream_unauthorized', { status: error.status });
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return new UpstreamError(`The AI provider failed with HTTP ${error.status}.`, 'upstream_failed', { status: error.status });
  }
  return new UpstreamError(`The AI provider could not be reached: ${error instanceof Error ? error.message : String(error)}.`, 'upstream_failed');
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Chat completions over any OpenAI-compatible server (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio),
 * streamed: text deltas are passed on as they arrive, tool-call deltas are assembled per index and
 * emitted once complete.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): ChatModel {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    // Our own retry loop below: the SDK cannot know whether we already streamed text to the visitor.
    maxRetries: 0,
  });
  const maxRetries = options.maxRetries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 400;

  async function open(request: ChatModelRequest, signal: AbortSignal) {
    const tools: ChatCompletionTool[] = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
    return client.chat.completions.create(
      {
        model: options.model,
        messages: request.messages.map(toOpenAIMessage),
        ...(tools.length ? { tools, tool_choice: 'auto' as const } : {}),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal },
    );
  }

  async function* stream(request: ChatModelRequest): AsyncGenerator<ChatModelEvent> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
    };
    const onOuterAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onOuterAbort);

    const pending = new Map<number, ToolCall>();
    let usage: TokenUsage | null = null;
    let finishReason: string | null = null;
    let chunks: AsyncIterable<ChatCompletionChunk> | undefined;
    try {
      for (let attempt = 0; ; attempt += 1) {
        arm();
        try {
          chunks = await open(request, controller.signal);
          break;
        } catch (error) {
          if (attempt >= maxRetries || !isRetryable(error) || timedOut || request.signal?.aborted) throw error;
          const delay = retryAfterMs(error) ?? baseDelay * 2 ** attempt * (0.75 + Math.random() * 0.5);
          options.logger?.warn('AI provider request failed, retrying', { attempt: attempt + 1, delayMs: Math.round(delay), error: String(error) });
          clearTimeout(timer);
          await sleep(delay);
        }
      }
      for await (const chunk of chunks!) {
        arm();
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.delta?.content) yield { type: 'text-delta', delta: choice.delta.content };
        for (const delta of choice.delta?.tool_calls ?? []) {
          const current = pending.get(delta.index) ?? { id: '', name: '', argumentsText: '' };
          if (delta.id) current.id = delta.id;
          if (delta.function?.name) current.name += delta.function.name;
          if (delta.function?.arguments) current.argumentsText += delta.function.arguments;
          pending.set(delta.index, current);
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      // The SDK ends an aborted or cut-off stream quietly; without a finish reason the answer is incomplete.
      if (finishReason === null) {
        throw timedOut
          ? toUpstreamError(null, true)
          : new UpstreamError('The AI provider closed the stream before the answer was complete.', 'upstream_failed');
      }
    } catch (error) {
      if (chunks && !timedOut && !(error instanceof UpstreamError) && !(error instanceof OpenAI.APIError && error.status !== undefined)) {
        throw new UpstreamError(`The AI provider's stream broke off: ${error instanceof Error ? error.message : String(error)}.`, 'upstream_failed');
      }
      throw toUpstreamError(error, timedOut);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onOuterAbort);
    }
    let index = 0;
    for (const call of [...pending.entries()].sort(([a], [b]) => a - b).map(([, value]) => value)) {
      index += 1;
      yield { type: 'tool-call', call: { ...call, id: call.id || `call_${index}` } };
    }
    const reason = finishReason === 'stop' ? 'stop' : finishReason === 'tool_calls' ? 'tool-calls' : finishReason === 'length' ? 'length' : pending.size ? 'tool-calls' : 'other';
    yield { type: 'finish', reason, usage };
  }

  return { name: `openai:${options.model}`, stream };
}
