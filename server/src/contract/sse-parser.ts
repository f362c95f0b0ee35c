/**
 * The one incremental text/event-stream parser (WHATWG rules the clients need: `event:`, multi-line
 * `data:`, comment lines such as `: ping`, CRLF, LF or CR line ends, chunks split anywhere).
 * EventSource cannot POST or send an Authorization header, so the clients read fetch bodies here.
 */
export interface RawEvent {
  event: string;
  data: string;
}

export interface SseParser {
  push(chunk: string): void;
  /**
   * The stream ended. A last event without its blank line is incomplete and dropped, as the
   * standard and browsers do: a cut connection must not deliver a half-received event.
   */
  end(): void;
}

export function createSseParser(onEvent: (event: RawEvent) => void): SseParser {
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
    push(chunk) {
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
    end() {
      // A CR held back as a possible CRLF half is a complete line end after all.
      if (buffer.endsWith('\r')) line(buffer.slice(0, -1));
      buffer = '';
      eventName = '';
      dataLines = [];
    },
  };
}
