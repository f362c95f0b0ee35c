import { createSseParser, type RawEvent } from '../../src/contract/sse-parser';

/** Feeds a stream in the given chunks and returns what the parser dispatched. */
function parse(chunks: string[]): RawEvent[] {
  const events: RawEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

const STREAM = 'event: message-start\ndata: {"messageId":"msg_1"}\n\n: ping\n\nevent: text-delta\ndata: {"delta":"Hello"}\n\nevent: message-end\ndata: {"messageId":"msg_1"}\n\n';
const EXPECTED: RawEvent[] = [
  { event: 'message-start', data: '{"messageId":"msg_1"}' },
  { event: 'text-delta', data: '{"delta":"Hello"}' },
  { event: 'message-end', data: '{"messageId":"msg_1"}' },
];

describe('the shared SSE parser', () => {
  it('reads whole events and skips heartbeat comments', () => {
    expect(parse([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events whatever the chunk boundaries, down to one character per chunk', () => {
    expect(parse(STREAM.split(''))).toEqual(EXPECTED);
    for (let cut = 1; cut < STREAM.length; cut += 7) expect(parse([STREAM.slice(0, cut), STREAM.slice(cut)])).toEqual(EXPECTED);
  });

  it('accepts CRLF and lone CR line ends, also with CRLF split between two chunks', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    expect(parse([crlf])).toEqual(EXPECTED);
    expect(parse(crlf.split(''))).toEqual(EXPECTED);
    expect(parse([STREAM.replace(/\n/g, '\r')])).toEqual(EXPECTED);
  });

  it('joins multi-line data with a newline, defaults the event name, ignores unknown fields', () => {
    expect(parse(['id: 7\nretry: 10\ndata: first\ndata:second\n\n'])).toEqual([{ event: 'message', data: 'first\nsecond' }]);
  });

  it('drops a last event that has no blank line after it: a cut stream delivers nothing half-received', () => {
    expect(parse(['event: text-delta\ndata: {"delta":"Hel"}\n\nevent: message-end\ndata: {"messageId":"msg_1"}'])).toEqual([{ event: 'text-delta', data: '{"delta":"Hel"}' }]);
    expect(parse(['event: message-end\ndata: {"messageId":"msg_1"}\n'])).toEqual([]);
  });

  it('treats a CR held back at the very end as the line end it is', () => {
    expect(parse(['data: last\r\r'])).toEqual([{ event: 'message', data: 'last' }]);
  });

  it('does not dispatch an event with no data lines (a heartbeat-only stream)', () => {
    expect(parse([': ping\n\n: ping\n\nevent: text-delta\n\n'])).toEqual([]);
  });
});
