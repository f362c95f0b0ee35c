/** One server-sent event as docs/protocol.md section 4 defines them: `event: <type>` + `data: <JSON>`. */
export interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
}

function parseBlock(block: string): StreamEvent | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue; // heartbeat comment
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return null;
  try {
    const parsed: unknown = JSON.parse(data.join('\n'));
    return { type, data: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed } };
  } catch {
    return { type, data: { text: data.join('\n') } };
  }
}

/** Reads a fetch response body as a stream of events (EventSource cannot POST or send a bearer token). */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const event = parseBlock(buffer.slice(0, boundary));
      buffer = buffer.slice(boundary + 2);
      if (event) onEvent(event);
      boundary = buffer.indexOf('\n\n');
    }
  }
  const rest = parseBlock(buffer.trim());
  if (rest) onEvent(rest);
}
