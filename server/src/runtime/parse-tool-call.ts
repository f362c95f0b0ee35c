import { z } from 'zod';
import type { RunnableAction } from '../actions/action-service';
import { actionKeyForToolName, toolNameForAction } from '../actions/tool-schema';
import type { ToolCall } from './chat-model';

/**
 * Turns a raw tool call from the model into an action and an arguments object, or into a readable
 * problem the model can act on. Model output is untrusted text: it is never JSON.parse'd bare.
 */
export type ParsedToolCall =
  | { ok: true; action: RunnableAction; arguments: Record<string, unknown> }
  | { ok: false; reason: 'unknown-tool' | 'malformed-arguments'; message: string };

const argumentsSchema = z.record(z.string(), z.unknown());

export function safeParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function parseToolCall(call: ToolCall, actions: RunnableAction[]): ParsedToolCall {
  const key = actionKeyForToolName(call.name, actions.map((candidate) => candidate.definition.key));
  const action = actions.find((candidate) => candidate.definition.key === key);
  if (!action) {
    const available = actions.map((candidate) => toolNameForAction(candidate.definition.key)).join(', ') || 'none';
    return { ok: false, reason: 'unknown-tool', message: `Unknown tool '${call.name}'. Available tools: ${available}. Do not call tools that are not listed.` };
  }
  const text = call.argumentsText.trim() === '' ? '{}' : call.argumentsText;
  const json = safeParseJson(text);
  if (!json.ok) {
    return {
      ok: false,
      reason: 'malformed-arguments',
      message: `The arguments for '${call.name}' are not valid JSON (${json.error}). Send one JSON object with the field keys as properties.`,
    };
  }
  const shaped = argumentsSchema.safeParse(json.value);
  if (!shaped.success) {
    return { ok: false, reason: 'malformed-arguments', message: `The arguments for '${call.name}' must be a JSON object with the field keys as properties.` };
  }
  return { ok: true, action, arguments: shaped.data };
}
