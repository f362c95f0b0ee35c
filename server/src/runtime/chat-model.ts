/**
 * The one seam between the runtime and a language model. The OpenAI-compatible provider and the
 * scripted model for tests implement it; the loop never sees an SDK type.
 */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model sent it; parse-tool-call.ts decides whether it is usable. */
  argumentsText: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ChatModelRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type ChatModelEvent =
  | { type: 'text-delta'; delta: string }
  | { type: 'tool-call'; call: ToolCall }
  | { type: 'finish'; reason: 'stop' | 'tool-calls' | 'length' | 'other'; usage: TokenUsage | null };

export interface ChatModel {
  /** For logs and traces, e.g. "openai:gpt-4o-mini". */
  readonly name: string;
  /** Streams one model response. Failures throw UpstreamError (code upstream_timeout, upstream_rate_limited, upstream_failed). */
  stream(request: ChatModelRequest): AsyncIterable<ChatModelEvent>;
}
