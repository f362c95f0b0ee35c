import type { Request, Response } from 'express';
import type { TurnEvent } from '../runtime/turn-events';
import { HEARTBEAT_MS } from '../conversations/chat-traffic';

/**
 * Writes a turn's events as Server-Sent Events (docs/protocol.md, section 4). The headers go out
 * with the first event, so a refusal before the turn starts (rate limit, busy conversation) is still
 * an ordinary JSON error with its status.
 *
 * Events written in the same tick (the held-back text, citations, message-end) leave in one write:
 * on loopback and behind a local proxy each socket write costs the whole TCP path, and per-event
 * writes were the largest share of a turn's time in the relay benchmark (tests/bench/turn-bench.ts).
 */
export function wantsEventStream(request: Request): boolean {
  return request.accepts(['text/event-stream', 'application/json']) === 'text/event-stream';
}

export function createEventStream(response: Response, heartbeatMs = HEARTBEAT_MS) {
  let started = false;
  let corked = false;
  let heartbeat: NodeJS.Timeout | undefined;

  /** Everything written until the end of this tick goes out together (Node's cork/uncork idiom). */
  function write(chunk: string) {
    if (!corked) {
      corked = true;
      response.cork();
      process.nextTick(() => {
        corked = false;
        response.uncork();
      });
    }
    response.write(chunk);
  }

  function start() {
    if (started) return;
    started = true;
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('X-Accel-Buffering', 'no');
    response.setHeader('Connection', 'keep-alive');
    response.socket?.setNoDelay(true);
    // No flushHeaders(): the headers travel with the first event, in the same write.
    // A comment line every so often keeps proxies and load balancers from closing an idle stream.
    heartbeat = setInterval(() => {
      if (!response.destroyed) write(': ping\n\n');
    }, heartbeatMs);
    heartbeat.unref();
  }

  return {
    get started() {
      return started;
    },
    send(event: TurnEvent): void {
      start();
      // A visitor who closed the tab: the turn still finishes and is stored, so a retry can replay it.
      if (response.writableEnded || response.destroyed) return;
      write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    },
    end(): void {
      clearInterval(heartbeat);
      if (started && !response.writableEnded) response.end();
    },
  };
}
