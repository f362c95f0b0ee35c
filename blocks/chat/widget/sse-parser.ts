/**
 * Incremental parser for text/event-stream (the WHATWG rules the widget needs: `event:`,
 * multi-line `data:`, comment lines such as `: ping`, CRLF or LF). EventSource cannot POST
 * or send an Authorization header, so the widget reads the stream from fetch and parses it here.
 */
export interface RawEvent {
  event: string;
  data: string;
}

export function createSseParser(onEvent: (event: RawEvent) => void) {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];

  function dispatch(): void {
    if (dataLines.length > 0) onEvent({ event: eventName || 'message', data: dataLines.join('\n') });
    eventName = '';
    dataLines = [];
  }

  function line(text: string): void {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
  }

  return {
    push(chunk: string): void {
      buffer += chunk;
      let index: number;
      while ((index = buffer.search(/\r\n|\r|\n/)) !== -1) {
        // A lone CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (buffer[index] === '\r' && index === buffer.length - 1) break;
        const text = buffer.slice(0, index);
        buffer = buffer.slice(index + (buffer.startsWith('\r\n', index) ? 2 : 1));
        line(text);
      }
    },
    /** The stream ended; a last event without its blank line is incomplete and dropped, as browsers do. */
    end(): void {
      buffer = '';
      eventName = '';
      dataLines = [];
    },
  };
}
