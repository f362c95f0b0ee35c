/**
 * @jest-environment node
 */
import { readEventStream, type StreamEvent } from '../sse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      chunks.forEach((chunk) => controller.enqueue(encoder.encode(chunk)));
      controller.close();
    },
  });
}

describe('reading the playground event stream', () => {
  it('puts events back together across network chunks and skips heartbeats', async () => {
    const events: StreamEvent[] = [];
    await readEventStream(
      streamOf(['event: message-start\ndata: {"messageId":"msg_1"}\n\n: ping\n\nevent: text-del', 'ta\ndata: {"delta":"Hel', 'lo"}\r\n\r\nevent: trace\ndata: {"kind":"score","score":65}\n\nevent: message-end\ndata: {"usage":{"engine":"offline"}}']),
      (event) => events.push(event),
    );
    expect(events).toEqual([
      { type: 'message-start', data: { messageId: 'msg_1' } },
      { type: 'text-delta', data: { delta: 'Hello' } },
      { type: 'trace', data: { kind: 'score', score: 65 } },
      { type: 'message-end', data: { usage: { engine: 'offline' } } },
    ]);
  });
});
