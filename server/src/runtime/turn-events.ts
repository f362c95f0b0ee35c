import type { ChatEvent } from '../contract/chat-events';

/** The event shapes are the contract's (server/src/contract/chat-events.ts), shared with the widget and playground. */
export type { Citation, FieldRequest, SummaryLine } from '../contract/chat-events';

/** The typed events of one turn (docs/protocol.md, section 4); SSE and JSON mode carry the same list. */
export type TurnEvent = ChatEvent;

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
