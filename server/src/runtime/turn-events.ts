import type { Engine } from '../usage/engine';

export interface Citation {
  id: string;
  title: string;
  url: string | null;
}

export interface FieldRequest {
  key: string;
  label: string;
  type: string;
  question: string;
  options?: Array<{ value: string; label: string }>;
}

export interface SummaryLine {
  key: string;
  label: string;
  value: string;
}

/** The typed events of one turn (docs/protocol.md, section 4); SSE and JSON mode carry the same list. */
export type TurnEvent =
  | { type: 'message-start'; data: { messageId: string } }
  | { type: 'text-delta'; data: { delta: string } }
  | { type: 'citations'; data: { citations: Citation[] } }
  | { type: 'field-request'; data: { actionKey: string; field: FieldRequest } }
  | { type: 'confirmation-request'; data: { actionKey: string; title: string; summary: SummaryLine[] } }
  | { type: 'action-completed'; data: { actionKey: string; leadId: string | null; reply: string; dryRun?: boolean } }
  | { type: 'error'; data: { code: string; message: string; retryable: boolean } }
  | { type: 'trace'; data: { kind: 'retrieval' | 'tool-call' | 'validation' | 'score' | 'would-send' | 'engine'; [key: string]: unknown } }
  | { type: 'message-end'; data: { messageId: string; usage: { engine: Engine } } };

/** Consecutive text deltas stored as one: a replayed turn shows the same text in fewer events. */
export function compactEvents(events: TurnEvent[]): TurnEvent[] {
  const compact: TurnEvent[] = [];
  for (const event of events) {
    const previous = compact[compact.length - 1];
    if (event.type === 'text-delta' && previous?.type === 'text-delta') {
      compact[compact.length - 1] = { type: 'text-delta', data: { delta: previous.data.delta + event.data.delta } };
    } else compact.push(event);
  }
  return compact;
}
